from django.apps import AppConfig


class CrimeConfig(AppConfig):
    name = "crime"
    verbose_name = "Crime and ASB"
