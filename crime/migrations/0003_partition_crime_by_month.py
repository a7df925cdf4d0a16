"""The crime table becomes partitioned by key range, one partition per month (ADR 0015).

Keys lead with the month (ADR 0003), so a RANGE partition on ``key`` is a month partition and the primary
key stays ``key`` alone. Rows already in the table, and rows of months that have no partition yet, go to
the DEFAULT partition. The importer creates a month's partition when it loads the month's first release:
it COPYs into an unindexed table, builds the indexes after the load and attaches it (docs/benchmarks.md).
The model does not change; only the table under it does. PostgreSQL only; elsewhere nothing happens.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE crime_crime RENAME TO crime_crime_unpartitioned;
ALTER TABLE crime_crime_unpartitioned RENAME CONSTRAINT crime_crime_pkey TO crime_crime_unpartitioned_pkey;
ALTER INDEX crime_nbh_month_cat RENAME TO crime_nbh_month_cat_unpartitioned;
CREATE TABLE crime_crime (LIKE crime_crime_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (key);
ALTER TABLE crime_crime ADD CONSTRAINT crime_crime_pkey PRIMARY KEY (key);
CREATE INDEX crime_nbh_month_cat ON crime_crime (neighbourhood_id, month, category);
CREATE TABLE crime_crime_default PARTITION OF crime_crime DEFAULT;
INSERT INTO crime_crime SELECT * FROM crime_crime_unpartitioned;
DROP TABLE crime_crime_unpartitioned;
"""

BACKWARD = """
CREATE TABLE crime_crime_unpartitioned (LIKE crime_crime INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO crime_crime_unpartitioned SELECT * FROM crime_crime;
DROP TABLE crime_crime CASCADE;
ALTER TABLE crime_crime_unpartitioned RENAME TO crime_crime;
ALTER TABLE crime_crime ADD CONSTRAINT crime_crime_pkey PRIMARY KEY (key);
CREATE INDEX crime_nbh_month_cat ON crime_crime (neighbourhood_id, month, category);
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("crime", "0002_releases_and_lsoa21_links")]

    operations = [migrations.RunPython(forward, backward)]
