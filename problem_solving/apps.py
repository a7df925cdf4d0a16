from django.apps import AppConfig


class ProblemSolvingConfig(AppConfig):
    name = "problem_solving"
    verbose_name = "Problem solving (SARA)"

    def ready(self) -> None:
        # Registers the rules permissions and the review-due notification job kind.
        from problem_solving import jobs, rules  # noqa: F401
