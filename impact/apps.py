from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = "Impact evaluation"

    def ready(self) -> None:
        # Registers the rules permissions and the "impact.evaluate" job kind.
        from impact import jobs, permissions  # noqa: F401
