from __future__ import annotations

from allauth.urls import build_provider_urlpatterns
from django.urls import include, path
from django.views.generic import RedirectView

from assessments.sso import views

app_name = "sso"

urlpatterns = [
    path("organisations/<int:pk>/sign-on/", views.domain_rules, name="domain-rules"),
    path(
        "organisations/<int:pk>/sign-on/<int:rule_pk>/delete/",
        views.domain_rule_delete,
        name="domain-rule-delete",
    ),
]

# django-allauth's single sign-on views only (the sign-in pages stay the app's own), under /sso/. Its views
# name a few of its account pages: these names lead to the app's pages instead.
allauth_urlpatterns = [
    path("sso/", include("allauth.socialaccount.urls")),
    path("sso/", include(build_provider_urlpatterns())),
    path("sso/account/login/", RedirectView.as_view(pattern_name="login"), name="account_login"),
    path("sso/account/signup/", RedirectView.as_view(pattern_name="signup"), name="account_signup"),
    path("sso/account/logout/", RedirectView.as_view(pattern_name="logout"), name="account_logout"),
    path(
        "sso/account/reset/",
        RedirectView.as_view(pattern_name="password_reset"),
        name="account_reset_password",
    ),
    path("sso/account/inactive/", RedirectView.as_view(pattern_name="login"), name="account_inactive"),
    path(
        "sso/account/verification-sent/",
        RedirectView.as_view(pattern_name="login"),
        name="account_email_verification_sent",
    ),
]
