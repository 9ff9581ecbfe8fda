"""Staff account pages. Included by config/urls.py under staff/, before the admin site.

The two_factor pages keep their namespace; the login is ours (it carries the warning). The
password-reset names are global because Django's views and e-mail template reverse them so.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_ratelimit.decorators import ratelimit
from two_factor.urls import urlpatterns as two_factor_urls

from accounts import sso, views

_two_factor_patterns, _namespace = two_factor_urls
two_factor_patterns = [
    path("account/login/", views.StaffLoginView.as_view(), name="login"),
    path("account/two_factor/", views.AccountSecurityView.as_view(), name="profile"),
    path(
        "account/two_factor/backup/tokens/", views.BackupCodesView.as_view(), name="backup_tokens"
    ),
    # Staff may not switch their second factor off, so "disable" is left out.
    *(
        p
        for p in _two_factor_patterns
        if getattr(p, "name", None) not in {"login", "disable", "profile", "backup_tokens"}
    ),
]

urlpatterns = [
    path("", include((two_factor_patterns, "two_factor"))),
    # Single sign-on; the names are mozilla-django-oidc's, which it reverses itself.
    path("sso/start/", sso.start_sign_in, name="oidc_authentication_init"),
    path("sso/callback/", sso.finish_sign_in, name="oidc_authentication_callback"),
    path("account/rules-of-behavior/", views.rules_of_behavior, name="rules_of_behavior"),
    path(
        "account/password-reset/",
        # Each request sends an e-mail: a few an hour from one address is plenty.
        ratelimit(key="ip", rate=views.RESET_REQUEST_RATE, method="POST")(
            auth_views.PasswordResetView.as_view()
        ),
        name="admin_password_reset",
    ),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
