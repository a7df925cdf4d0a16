from django.apps import AppConfig


class PoliceUkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policeuk"
    verbose_name = "data.police.uk-compatible API"
