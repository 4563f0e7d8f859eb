from __future__ import annotations

from django.urls import path

from assessments.api import views

app_name = "api"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/assessments/", views.assessment_list, name="assessment-list"),
    path("organisations/<int:pk>/charters/", views.charter_list, name="charter-list"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/rescore/", views.assessment_rescore, name="assessment-rescore"),
    path("assessments/<int:pk>/report/", views.report, name="report"),
    path("assessments/<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("charters/<int:pk>/", views.charter_detail, name="charter-detail"),
    path("method/", views.method, name="method"),
]
