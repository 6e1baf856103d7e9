"""The API's routers, one module per topic; api.py mounts them under /api/v1/."""
