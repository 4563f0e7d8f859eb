"""The app's URLs plus /bench/reference, the benchmark's yardstick: the whole middleware stack, no template,
no database. Mounted only by bench/settings.py, never in production."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def reference(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/reference", reference, name="bench-reference"), path("", include("caio.urls"))]
