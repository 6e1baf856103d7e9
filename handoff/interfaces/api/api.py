"""The NinjaAPI instance mounted at /api/: routes under /api/v1, docs at /api/docs."""

from ninja import NinjaAPI

api = NinjaAPI(title="handoff API", version="1", urls_namespace="api", docs_url="/docs")
