from django.apps import AppConfig


class CrimeConfig(AppConfig):
    name = "crime"
    verbose_name = "Crime and ASB"

    def ready(self) -> None:
        from crime import jobs  # noqa: F401 - registers the "import_crimes" job kind
