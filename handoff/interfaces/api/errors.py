"""One error format for every error the API gives.

    {"detail": "<message>", "errors": [{"field": "<dotted field>", "message": "..."}]}

- 400: a body that is not JSON, or a request Django finds suspicious;
- 401: no credentials, or a bad or revoked token (with ``WWW-Authenticate: Bearer``);
- 403: the role may not do this (``PermissionDenied``), or a failed CSRF check on a session call;
- 404: ``Http404``: always the same body, so a foreign id cannot be told from a missing one;
- 409: a uniqueness conflict (a Django ``ValidationError`` whose every error is about uniqueness, or an
  ``IntegrityError`` from a race);
- 405: a method the path has no operation for (``middleware.py`` rewrites ninja's plain-text answer);
- 413: a body over Django's upload limit;
- 422: invalid input: ninja's (pydantic's) validation, or a Django ``ValidationError`` from an action;
- 429: throttled (with ``Retry-After``).

Anything else is a bug and is left to Django (a logged 500).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

NOT_FOUND = "Not found"
INVALID_INPUT = "Invalid input."
MALFORMED_JSON = "Malformed JSON body."
UNIQUE_CODES = frozenset({"unique", "unique_together"})
# Where ninja found a parameter: the first item of a pydantic error's location.
PARAM_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})

type FieldError = dict[str, str]


def error_body(detail: str, errors: Iterable[FieldError] = ()) -> dict[str, Any]:
    return {"detail": detail, "errors": list(errors)}


def error_response(status: int, detail: str, errors: Iterable[FieldError] = ()) -> HttpResponse:
    """The JSON error response; the same bytes for the same arguments, wherever it is made."""
    content = json.dumps(error_body(detail, errors), ensure_ascii=False)
    response = HttpResponse(content, status=status, content_type="application/json; charset=utf-8")
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="handoff"'
    return response


def not_found_response() -> HttpResponse:
    return error_response(404, NOT_FOUND)


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any path under /api/ that names no operation (mounted after the API in handoff/urls.py)."""
    return not_found_response()


# --- field names --------------------------------------------------------------------------------------------


def field_from_location(location: Iterable[Any]) -> str:
    """("body", "payload", "provider_stages", 0) -> "provider_stages.0"; ("query", "page") -> "page"."""
    parts = [str(part) for part in location]
    if parts and parts[0] in PARAM_SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body":
            parts = parts[1:] or ["body"]  # drop the handler's parameter name; the whole body is "body"
    return ".".join(parts) or "body"


def _ninja_message(error: Mapping[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return "Unknown field: it cannot be set here."
    return str(error.get("msg", "Invalid value."))


def ninja_field_errors(exc: NinjaValidationError) -> list[FieldError]:
    return [
        {"field": field_from_location(error.get("loc", ())), "message": _ninja_message(error)} for error in exc.errors
    ]


def django_field_errors(exc: DjangoValidationError, renames: Mapping[str, str] | None = None) -> list[FieldError]:
    """Field errors of a Django ValidationError; non-field errors are reported on the field "__all__"."""
    renames = renames or {}
    if not hasattr(exc, "error_dict"):
        return [{"field": NON_FIELD_ERRORS, "message": message} for message in exc.messages]
    return [
        {"field": renames.get(field, field), "message": message}
        for field, messages in exc.message_dict.items()
        for message in messages
    ]


def _error_codes(exc: DjangoValidationError) -> set[str | None]:
    if hasattr(exc, "error_dict"):
        return {error.code for errors in exc.error_dict.values() for error in errors}
    return {error.code for error in exc.error_list}


def is_uniqueness_conflict(exc: DjangoValidationError) -> bool:
    codes = _error_codes(exc)
    return bool(codes) and codes <= UNIQUE_CODES


class FieldRenames:
    """Re-raise an action's Django ValidationError with model field names turned into the API's names.

    ``with FieldRenames({"delivery_center": "delivery_center_id"}): ...``
    """

    def __init__(self, renames: Mapping[str, str]) -> None:
        self.renames = dict(renames)

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, DjangoValidationError) and hasattr(exc, "error_dict"):
            renamed = {self.renames.get(field, field): errors for field, errors in exc.error_dict.items()}
            raise DjangoValidationError(renamed) from exc


# --- handlers -----------------------------------------------------------------------------------------------


def on_ninja_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return error_response(422, INVALID_INPUT, ninja_field_errors(exc))


def on_django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    errors = django_field_errors(exc)
    if is_uniqueness_conflict(exc):
        return error_response(409, "Conflict: " + errors[0]["message"], errors)
    return error_response(422, INVALID_INPUT, errors)


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return not_found_response()  # never the exception's own text: it could tell "foreign" from "missing"


def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, str(exc) or "You do not have permission to do this.")


def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = str(exc) if str(exc) != "Unauthorized" else "Authentication required: send Authorization: Bearer <token>."
    return error_response(401, detail)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return error_response(400, MALFORMED_JSON, [{"field": "body", "message": "The body is not valid JSON."}])
    if exc.status_code == 404:
        return not_found_response()
    return error_response(exc.status_code, str(exc))


def on_integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    return error_response(409, "Conflict: the change clashes with existing data; reload and try again.")


def on_suspicious_operation(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return error_response(413, "The request body is too large.")
    return error_response(400, "Bad request.")


HANDLERS: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
    NinjaValidationError: on_ninja_validation_error,
    DjangoValidationError: on_django_validation_error,
    Http404: on_not_found,
    PermissionDenied: on_permission_denied,
    AuthenticationError: on_authentication_error,
    HttpError: on_http_error,
    IntegrityError: on_integrity_error,
    SuspiciousOperation: on_suspicious_operation,
}


def install_error_handlers(api: NinjaAPI) -> None:
    for exc_class, handler in HANDLERS.items():
        api.add_exception_handler(exc_class, handler)
