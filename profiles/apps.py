from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Neighbourhood profiles"

    def ready(self) -> None:
        # Registers the rules permissions and the "profiles.refresh" job runner.
        from profiles import jobs, permissions  # noqa: F401
