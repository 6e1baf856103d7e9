"""One row (or one JSON Resume) to a pool candidate: converted, normalised and validated like a typed one.

Values come as text (CSV, XLSX) or typed (JSON Resume). A row is rejected with every reason found (bad
e-mail, a number that is not one, a model rule broken); a skill the taxonomy does not know is kept and
flagged, never fatal. Duplicates are checked by the caller against the normalised keys (``DuplicateKeys``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django_countries import countries

from handoff.domain.engagements.models import Currency
from handoff.domain.recruiting.models import Candidate, CandidateSource, ConsentChannel
from handoff.domain.recruiting.normalise import (
    normalise_email,
    normalise_phone,
    normalise_profile_url,
    skill_entries,
)
from handoff.engines.taxonomy.text import normalise as normalise_skill_text

TRUE_TEXTS = frozenset({"1", "true", "yes", "y", "x", "oui", "ja", "si", "sí"})
FALSE_TEXTS = frozenset({"", "0", "false", "no", "n"})
LIST_SEPARATORS = (";", "|", "\n")
# Not validated again by the model: set by the import itself, or already checked here (the country field's own
# check walks every country's name on each call: two thirds of the time of a row).
VALIDATED_EXCLUDE = ["created_by", "origin_client", "merged_into", "country", "email", "profile_url"]
URL_VALIDATOR = URLValidator()
MAX_EMAIL = 254
MAX_URL = 300
FIELD_LABELS = {
    "full_name": "name",
    "email": "e-mail",
    "phone": "phone",
    "profile_url": "profile URL",
    "salary_expectation": "salary",
    "salary_currency": "currency",
    "consent_policy_version": "consent",
    "share_across_clients": "sharing",
}


@dataclass
class SkillLookup:
    """Normalised skill text → canonical skill id (names and aliases of the taxonomy); empty: nothing known."""

    ids: dict[str, str] = field(default_factory=dict)
    known_ids: frozenset[str] = frozenset()

    def resolve(self, name: str) -> str | None:
        return self.ids.get(normalise_skill_text(name))


@dataclass
class ConvertedRow:
    candidate: Candidate | None
    reasons: list[str]
    warnings: list[str]
    label: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        items = [_text(item) for item in value]
    else:
        text = _text(value)
        for separator in LIST_SEPARATORS:
            text = text.replace(separator, ",")
        items = text.split(",")
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        clean = " ".join(item.split())
        if clean and clean.lower() not in seen:
            seen.add(clean.lower())
            result.append(clean)
    return result


def _int(value: Any, label: str, reasons: list[str]) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        reasons.append(f"{label}: “{text[:40]}” is not a number.")
        return None
    if number != number.to_integral_value() or number < 0:
        reasons.append(f"{label}: give a whole number of 0 or more, not “{text[:40]}”.")
        return None
    return int(number)


def _decimal(value: Any, label: str, reasons: list[str]) -> Decimal | None:
    text = _text(value).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "")) if text.count(",") and "." in text else Decimal(text.replace(",", "."))
    except InvalidOperation:
        reasons.append(f"{label}: “{text[:40]}” is not an amount.")
        return None


def _date(value: Any, label: str, reasons: list[str]) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        reasons.append(f"{label}: “{text[:40]}” is not a date (YYYY-MM-DD).")
        return None


def _choice(value: Any, choices: list[tuple[str, str]], label: str, problems: list[str]) -> str:
    text = _text(value)
    if not text:
        return ""
    for key, name in choices:
        if text.lower() in (key.lower(), str(name).lower()):
            return key
    problems.append(f"{label}: “{text[:40]}” is not one of {', '.join(key for key, _ in choices)}.")
    return ""


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _ in countries)


@lru_cache(maxsize=4096)
def _country_code(text: str) -> str:
    """The ISO code of a country code or name ("" when it is neither)."""
    if len(text) == 2 and text.upper() in _country_codes():
        return text.upper()
    return str(countries.by_name(text) or "")


def _country(value: Any, reasons: list[str]) -> str:
    text = _text(value)
    if not text:
        return ""
    code = _country_code(text)
    if not code:
        reasons.append(f"country: “{text[:40]}” is neither a country name nor an ISO code.")
    return code


def _bool(value: Any, label: str, reasons: list[str]) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE_TEXTS:
        return True
    if text not in FALSE_TEXTS:
        reasons.append(f"{label}: “{text[:20]}” is neither yes nor no.")
    return False


def _skills(value: Any, lookup: SkillLookup, warnings: list[str]) -> list[dict[str, object]]:
    entries = (
        [
            {"name": _text(item.get("name")), "skill_id": item.get("skill_id")}
            for item in value
            if isinstance(item, dict) and _text(item.get("name"))
        ]
        if isinstance(value, list) and all(isinstance(item, dict) for item in value)
        else skill_entries(_list(value))
    )
    unknown: list[str] = []
    for entry in entries:
        given = entry.get("skill_id")
        if isinstance(given, str) and given in lookup.known_ids:
            continue
        entry["skill_id"] = lookup.resolve(str(entry["name"]))
        if entry["skill_id"] is None and lookup.ids:
            unknown.append(str(entry["name"]))
    if unknown:
        warnings.append(f"Unknown skills kept as typed: {', '.join(unknown[:10])}.")
    return entries


def _name(values: Mapping[str, Any]) -> str:
    full = _text(values.get("full_name"))
    if full:
        return full
    return " ".join(part for part in (_text(values.get("first_name")), _text(values.get("last_name"))) if part)


def _check_contacts(candidate: Candidate, reasons: list[str]) -> None:
    """E-mail and profile URL checked here (the model's own checks of them are skipped: see VALIDATED_EXCLUDE)."""
    if len(candidate.email) > MAX_EMAIL or len(candidate.profile_url) > MAX_URL:
        reasons.append(f"contact: e-mails have at most {MAX_EMAIL} characters, profile URLs at most {MAX_URL}.")
        return
    if candidate.email:
        try:
            validate_email(candidate.email)
        except ValidationError:
            reasons.append(f"e-mail: “{candidate.email[:60]}” is not an e-mail address.")
            candidate.email = ""
    if candidate.profile_url:
        try:
            URL_VALIDATOR(
                candidate.profile_url if "://" in candidate.profile_url else f"https://{candidate.profile_url}"
            )
        except ValidationError:
            reasons.append(f"profile URL: “{candidate.profile_url[:60]}” is not a web address.")
            candidate.profile_url = ""
        else:
            if "://" not in candidate.profile_url:
                candidate.profile_url = f"https://{candidate.profile_url}"
    if candidate.phone and not candidate.phone_e164:
        reasons.append(f"phone: “{candidate.phone[:40]}” is not a possible phone number.")


def _model_errors(candidate: Candidate, reasons: list[str]) -> None:
    try:
        candidate.full_clean(exclude=VALIDATED_EXCLUDE, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            label = FIELD_LABELS.get(field_name, field_name.replace("_", " "))
            for message in messages:
                text = f"{label}: {message}"
                if not any(text.startswith(reason.split(":")[0] + ":") for reason in reasons):
                    reasons.append(text)


def convert(
    values: Mapping[str, Any], lookup: SkillLookup, *, json_extras: Mapping[str, Any] | None = None
) -> ConvertedRow:
    """A candidate (unsaved, normalised) from field values, or the reasons it cannot be one."""
    reasons: list[str] = []
    warnings: list[str] = []
    country = _country(values.get("country"), reasons)
    candidate = Candidate(
        full_name=_name(values)[:200],
        email=_text(values.get("email")),
        phone=_text(values.get("phone")),
        profile_url=_text(values.get("profile_url")),
        city=_text(values.get("city")),
        country=country,
        headline=_text(values.get("headline")),
        skills=_skills(values.get("skills"), lookup, warnings),
        languages=_list(values.get("languages")),
        years_experience=_int(values.get("years_experience"), "years of experience", reasons),
        salary_expectation=_decimal(values.get("salary_expectation"), "salary", reasons),
        salary_currency=_choice(values.get("salary_currency"), Currency.choices, "currency", reasons),
        notice_period_days=_int(values.get("notice_period_days"), "notice period", reasons),
        tags=_list(values.get("tags")),
        consent_policy_version=_text(values.get("consent_policy_version")),
        consent_date=_date(values.get("consent_date"), "consent date", reasons),
        consent_channel=_choice(values.get("consent_channel"), ConsentChannel.choices, "consent channel", reasons),
        share_across_clients=_bool(values.get("share_across_clients"), "sharing", reasons),
    )
    source = _choice(values.get("source"), CandidateSource.choices, "source", warnings)
    candidate.source = source or (CandidateSource.OTHER if _text(values.get("source")) else CandidateSource.SOURCED)
    if json_extras:
        candidate.work_history = list(json_extras.get("work_history") or [])
        candidate.education = list(json_extras.get("education") or [])
    label = (candidate.full_name or candidate.email or candidate.phone)[:200]
    if not candidate.full_name:
        reasons.append("name: the row has no name.")
    candidate.email_normalised = normalise_email(candidate.email)
    candidate.phone_e164 = normalise_phone(candidate.phone, str(candidate.country or ""))
    candidate.profile_url_normalised = normalise_profile_url(candidate.profile_url)
    _check_contacts(candidate, reasons)
    _model_errors(candidate, reasons)
    return ConvertedRow(None if reasons else candidate, reasons, warnings, label)


@dataclass
class DuplicateKeys:
    """The normalised e-mails, phones and profile URLs already taken (in the pool, or earlier in the file)."""

    email: dict[str, int | str] = field(default_factory=dict)
    phone: dict[str, int | str] = field(default_factory=dict)
    profile_url: dict[str, int | str] = field(default_factory=dict)

    def duplicate_reasons(self, candidate: Candidate) -> list[str]:
        found = []
        for label, index, key in (
            ("e-mail", self.email, candidate.email_normalised),
            ("phone", self.phone, candidate.phone_e164),
            ("profile URL", self.profile_url, candidate.profile_url_normalised),
        ):
            if key and key in index:
                owner = index[key]
                where = f"candidate #{owner} of the talent pool" if isinstance(owner, int) else owner
                found.append(f"duplicate: {where} already has this {label}.")
        return found

    def add(self, candidate: Candidate, owner: int | str) -> None:
        for index, key in (
            (self.email, candidate.email_normalised),
            (self.phone, candidate.phone_e164),
            (self.profile_url, candidate.profile_url_normalised),
        ):
            if key:
                index.setdefault(key, owner)
