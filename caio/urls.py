from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from assessments import member_views, shared_views
from assessments import views as assessment_views
from caio import views
from caio.forms import QueuedPasswordResetForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("language/", views.set_language, name="set-language"),
    path("methodology/", assessment_views.methodology, name="methodology"),
    path("accounts/signup/", views.signup, name="signup"),
    path(
        "accounts/password_reset/",
        views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("invitations/<str:token>/", member_views.invitation, name="invitation"),
    path("shared/<str:token>/", shared_views.shared_results, name="shared-results"),
    path("shared/<str:token>/report.pdf", shared_views.shared_pdf, name="shared-pdf"),
    path("shared/<str:token>/report/retry/", shared_views.shared_report_retry, name="shared-report-retry"),
    path(
        "shared/<str:token>/report/status.json",
        shared_views.shared_report_status,
        name="shared-report-status",
    ),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
]

handler404 = "caio.views.page_not_found"
handler500 = "caio.views.server_error"
