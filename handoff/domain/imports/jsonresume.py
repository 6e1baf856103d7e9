"""JSON Resume (https://jsonresume.org) in and out of the talent pool, without loss.

A candidate becomes ``basics`` (name, headline as label, contacts, city and country code), ``work`` and
``education`` (kept as given), ``skills`` (name, and the taxonomy id as ``id``), ``languages``, and under
``meta.handoff`` the pool's own fields JSON Resume has no place for (salary, notice, source, tags, consent).
Empty values are left out, so export → import → export gives the same document.

Validation uses the schema in ``../shared/data/jsonresume/schema.json`` when that file is present
(``settings.JSON_RESUME_SCHEMA``); without it, the few rules the import relies on are checked here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from handoff.domain.recruiting.models import Candidate

HANDOFF_FIELDS = (
    "years_experience",
    "salary_expectation",
    "salary_currency",
    "notice_period_days",
    "source",
    "tags",
    "consent_policy_version",
    "consent_date",
    "consent_channel",
    "share_across_clients",
)
DEFAULT_SCHEMA = Path(__file__).resolve().parents[4] / "shared" / "data" / "jsonresume" / "schema.json"


def schema_path() -> Path:
    return Path(getattr(settings, "JSON_RESUME_SCHEMA", "") or DEFAULT_SCHEMA)


@cache
def _validator(path: str) -> Any:
    import jsonschema

    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def schema_errors(document: Any) -> list[str]:
    """What makes the document an invalid JSON Resume (the schema's messages, or the built-in checks)."""
    path = schema_path()
    if path.is_file():
        validator = _validator(str(path))
        return [
            f"{'.'.join(str(part) for part in error.absolute_path) or 'resume'}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        ][:10]
    return _minimal_errors(document)


def _minimal_errors(document: Any) -> list[str]:
    if not isinstance(document, dict):
        return ["resume: a JSON Resume is an object."]
    errors: list[str] = []
    basics = document.get("basics", {})
    if not isinstance(basics, dict):
        errors.append("basics: must be an object.")
    for section in ("work", "education", "skills", "languages"):
        if section in document and not (
            isinstance(document[section], list) and all(isinstance(item, dict) for item in document[section])
        ):
            errors.append(f"{section}: must be a list of objects.")
    return errors


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def to_json_resume(candidate: Candidate) -> dict[str, Any]:
    location = _drop_empty({"city": candidate.city, "countryCode": str(candidate.country or "")})
    basics = _drop_empty(
        {
            "name": candidate.full_name,
            "label": candidate.headline,
            "email": candidate.email,
            "phone": candidate.phone,
            "url": candidate.profile_url,
            "location": location,
        }
    )
    skills = [_drop_empty({"name": item["name"], "id": item.get("skill_id")}) for item in candidate.skills]
    handoff = {
        name: _json_value(getattr(candidate, name))
        for name in HANDOFF_FIELDS
        if getattr(candidate, name) not in ("", None, [])
    }
    return _drop_empty(
        {
            "basics": basics,
            "work": list(candidate.work_history),
            "education": list(candidate.education),
            "skills": skills,
            "languages": [{"language": language} for language in candidate.languages],
            "meta": {"handoff": handoff},
        }
    )


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def from_json_resume(document: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(field values for ``rows.convert``, the JSON-only extras: work history and education)."""
    basics = document.get("basics") or {}
    location = basics.get("location") or {}
    profiles = basics.get("profiles") or []
    profile_url = basics.get("url") or next(
        (p.get("url") for p in profiles if isinstance(p, dict) and p.get("url")), ""
    )
    handoff = ((document.get("meta") or {}).get("handoff")) or {}
    values: dict[str, Any] = {
        "full_name": basics.get("name"),
        "headline": basics.get("label"),
        "email": basics.get("email"),
        "phone": basics.get("phone"),
        "profile_url": profile_url,
        "city": location.get("city"),
        "country": location.get("countryCode"),
        "skills": [
            {"name": item.get("name"), "skill_id": item.get("id")}
            for item in document.get("skills") or []
            if isinstance(item, dict)
        ],
        "languages": [item.get("language") for item in document.get("languages") or [] if isinstance(item, dict)],
    }
    values.update({name: handoff[name] for name in HANDOFF_FIELDS if name in handoff and isinstance(handoff, dict)})
    extras = {"work_history": document.get("work") or [], "education": document.get("education") or []}
    return values, extras
