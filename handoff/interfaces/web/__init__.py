"""Server-rendered pages (Django templates, HTMX for partial updates)."""
