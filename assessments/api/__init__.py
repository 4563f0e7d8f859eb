"""The HTTP API under /api/v1/ (Django REST Framework): personal tokens, views, schema. See docs/api.md."""
