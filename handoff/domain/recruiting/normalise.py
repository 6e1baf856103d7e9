"""Canonical forms of the contact details duplicates are matched on: e-mail, E.164 phone, profile URL."""

from __future__ import annotations

from urllib.parse import urlsplit

import phonenumbers


def normalise_email(email: str) -> str:
    """Lower-cased and trimmed: mailbox names are case-insensitive in practice."""
    return email.strip().lower()


def normalise_phone(phone: str, country: str = "") -> str:
    """The number in E.164 (``+14155550123``), read with the candidate's country as the default region.

    Empty when the text is not a possible number: such a phone is kept as typed but matches nothing.
    """
    text = phone.strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, country.upper() or None)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_profile_url(url: str) -> str:
    """Host without ``www.`` and path without trailing slash, lower-cased; scheme, query and fragment dropped."""
    text = url.strip()
    if not text:
        return ""
    parts = urlsplit(text if "://" in text else f"https://{text}")
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    return f"{host}{path}" if host else ""


def skill_entries(names: list[str] | str) -> list[dict[str, object]]:
    """Free-text skills as ``[{"name": ..., "skill_id": None}]`` (ids are filled in by a later normalisation).

    Accepts a list or a comma/newline separated text; blanks and repeats (case-insensitive) are dropped.
    """
    items = names.replace("\n", ",").split(",") if isinstance(names, str) else names
    seen: set[str] = set()
    entries: list[dict[str, object]] = []
    for item in items:
        name = " ".join(str(item).split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            entries.append({"name": name, "skill_id": None})
    return entries
