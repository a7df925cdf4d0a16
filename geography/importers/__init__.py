"""Importers for the geography spine: ONS LSOA boundaries, IoD deprivation CSVs and police.uk neighbourhoods.

Each importer parses and validates a whole file, writes it in one transaction, and returns an ImportReport;
management commands (geography/management/commands) and Celery jobs (geography/jobs.py) call them.
"""
