from __future__ import annotations

from django.urls import path

from assessments.audit import views

app_name = "audit"

urlpatterns = [
    path("organisations/<int:pk>/audit/", views.trail, name="trail"),
    path("organisations/<int:pk>/audit.csv", views.trail_csv, name="trail-csv"),
    path("organisations/<int:pk>/audit.json", views.trail_json, name="trail-json"),
]
