from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and teams"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from accounts.signin import on_user_locked_out

        user_locked_out.connect(on_user_locked_out, dispatch_uid="accounts.signin_locked_out")
