from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and teams"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import stamp_sign_in
        from accounts.signin import on_user_locked_out

        user_locked_out.connect(on_user_locked_out, dispatch_uid="accounts.signin_locked_out")
        user_logged_in.connect(stamp_sign_in, dispatch_uid="accounts.stamp_sign_in")
