from django.apps import AppConfig


class QueriesConfig(AppConfig):
    name = "queries"
    verbose_name = "Neighbourhood queries"

    def ready(self) -> None:
        # Registers the rules permissions and the escalation and erasure job kinds.
        from queries import jobs, permissions  # noqa: F401
        from queries.home import register_panels

        register_panels()
