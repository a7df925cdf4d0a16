from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.audit_views import audit_trail
from accounts.forms import LoginForm
from accounts.views import SignOutView

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", SignOutView.as_view(), name="logout"),
    # Administrators: the audit trail per record and per user (issue 14).
    path("audit/", audit_trail, name="audit-trail"),
]
