from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance framework"

    def ready(self) -> None:
        # Registers the rules permissions and the snapshot job kind.
        from performance import jobs, permissions  # noqa: F401
