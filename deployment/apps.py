from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    name = "deployment"
    verbose_name = "Deployment scores"

    def ready(self) -> None:
        # Registers the rules permissions and the "compute_deployment_scores" job kind and its follow-ups.
        from deployment import jobs, permissions  # noqa: F401
