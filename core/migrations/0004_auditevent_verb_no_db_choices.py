from django.db import migrations, models


class Migration(migrations.Migration):
    """Verbs stay an enum in code (``AuditEvent.Verb``); the column keeps no choices so apps add verbs freely."""

    dependencies = [
        ("core", "0003_auditevent_verb_choices"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="verb",
            field=models.CharField(max_length=64),
        ),
    ]
