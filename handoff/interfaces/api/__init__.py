"""The JSON API (django-ninja) under /api/v1, OpenAPI at /api/docs."""
