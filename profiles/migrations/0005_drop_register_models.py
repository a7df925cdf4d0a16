"""Drop the profile's contacts, survey results and groups: engagement's copy (engagement 0005) replaced them."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0004_drop_old_section_models'),
        ('engagement', '0005_copy_register'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicalcommunitygroup',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalcommunitygroup',
            name='profile',
        ),
        migrations.RemoveField(
            model_name='historicalcommunitygroup',
            name='updated_by',
        ),
        migrations.RemoveField(
            model_name='historicalkeycontact',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalkeycontact',
            name='profile',
        ),
        migrations.RemoveField(
            model_name='historicalkeycontact',
            name='updated_by',
        ),
        migrations.RemoveField(
            model_name='historicalsurveyresult',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalsurveyresult',
            name='profile',
        ),
        migrations.RemoveField(
            model_name='historicalsurveyresult',
            name='updated_by',
        ),
        migrations.RemoveField(
            model_name='keycontact',
            name='profile',
        ),
        migrations.RemoveField(
            model_name='keycontact',
            name='updated_by',
        ),
        migrations.RemoveField(
            model_name='surveyresult',
            name='profile',
        ),
        migrations.RemoveField(
            model_name='surveyresult',
            name='updated_by',
        ),
        migrations.DeleteModel(
            name='CommunityGroup',
        ),
        migrations.DeleteModel(
            name='HistoricalCommunityGroup',
        ),
        migrations.DeleteModel(
            name='HistoricalKeyContact',
        ),
        migrations.DeleteModel(
            name='HistoricalSurveyResult',
        ),
        migrations.DeleteModel(
            name='KeyContact',
        ),
        migrations.DeleteModel(
            name='SurveyResult',
        ),
    ]
