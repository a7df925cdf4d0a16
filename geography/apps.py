from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "geography"
    verbose_name = "Geography"

    def ready(self) -> None:
        # Register the importers' job runners with core.jobs.
        from geography import jobs  # noqa: F401
