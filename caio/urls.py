from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.gzip import gzip_page
from drf_spectacular.views import SpectacularAPIView

from assessments import views as assessment_views
from assessments.account import views as account_views
from assessments.account.forms import QueuedPasswordResetForm
from assessments.api.reference import ApiReferenceView
from assessments.site import health
from assessments.site import views as site_views
from assessments.sso.urls import allauth_urlpatterns
from assessments.team import member_views, shared_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", site_views.favicon),
    path("language/", site_views.set_language, name="set-language"),
    path("methodology/", assessment_views.methodology, name="methodology"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path(
        "accounts/password_reset/",
        account_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
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
    path("api/v1/", include("assessments.api.urls")),
    # Compressed: Swagger UI fetches this 44 kB schema, which holds nothing secret (BREACH needs a secret).
    path("api/schema/", gzip_page(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/docs/", ApiReferenceView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("", include("assessments.audit.urls")),
    path("", include("assessments.sso.urls")),
    *allauth_urlpatterns,
    path("", include("assessments.urls")),
]

handler404 = "assessments.site.views.page_not_found"
handler500 = "assessments.site.views.server_error"
