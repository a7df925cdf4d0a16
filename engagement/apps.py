from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        # Registers the events' rules permissions (issue 9).
        from engagement import event_rules  # noqa: F401
