"""The OpenAPI 3 schema at /api/schema/ is valid and complete; the reference page runs on our own files only."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import get_resolver
from openapi_spec_validator import validate

from tests.test_access import _named_patterns

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3_and_lists_every_endpoint():
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on any departure from the OpenAPI 3 specification
    assert schema["openapi"].startswith("3.")
    routes = {
        "/" + re.sub(r"<int:pk>", "{id}", route)
        for name, route in _named_patterns(get_resolver())
        if name.startswith("api:")
    }
    assert routes and routes == set(schema["paths"])
    assert schema["components"]["securitySchemes"]["personalToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token (account page).",
    }


def test_the_create_endpoint_documents_its_error_objects():
    schema = Client().get("/api/schema/?format=json").json()
    create = schema["paths"]["/api/v1/organisations/{id}/assessments/"]["post"]
    assert create["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Errors"
    }


def test_the_reference_page_loads_its_scripts_and_styles_from_our_own_static_files():
    page = Client().get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href|data-css)="([^"]+)"', html)
    # Swagger UI's scripts, loaded when the reader opens it.
    sources += " ".join(re.findall(r'data-scripts="([^"]+)"', html)).split()
    assert len([s for s in sources if "swagger-ui" in s]) == 3, sources
    assert "/api/docs/?script=" in sources, sources
    assert all(source.startswith("/") for source in sources), sources
    assert "script-src 'self'" in page["Content-Security-Policy"]
    for source in sources:
        response = Client().get(source)
        response.close()  # a static file is streamed from an open file
        assert response.status_code == 200, source


def test_the_reference_page_lists_every_endpoint_without_javascript():
    page = Client().get("/api/docs/").content.decode()
    schema = Client().get("/api/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method in operations:
            assert f'method-{method}">{method.upper()}</span> <code>{path}</code>' in page, (method, path)
    assert '<meta name="description" content="The CAIO Advisor API' in page


def test_the_schema_is_sent_compressed_to_a_browser_that_accepts_it():
    response = Client().get("/api/schema/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
