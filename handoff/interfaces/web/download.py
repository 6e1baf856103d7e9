"""A stored attachment as a download response (shared by the pages and the API)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from handoff.domain.operations.models import Attachment


def attachment_response(attachment: Attachment) -> HttpResponse:
    """The file, always as an attachment (never rendered inline) and never sniffed into another type."""
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
