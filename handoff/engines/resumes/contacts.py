"""Contact details from the top of a resume: name, email, phone (E.164), location, links."""

from __future__ import annotations

import re

import phonenumbers

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()|,;]+|(?:linkedin\.com|github\.com|gitlab\.com)/[^\s<>()|,;]+", re.I)
_LOCATION_RE = re.compile(
    r"\b(?P<city>[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}),\s*(?P<region>[A-Z]{2})\b(?:\s+(?P<postal>\d{5}))?"
)
_NETWORKS = {"linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab", "twitter.com": "Twitter"}
_NOT_NAME_WORDS = frozenset(
    [
        "resume",
        "curriculum",
        "vitae",
        "cv",
        "teacher",
        "manager",
        "engineer",
        "developer",
        "analyst",
        "accountant",
        "technician",
        "director",
        "assistant",
        "specialist",
        "consultant",
        "coordinator",
        "officer",
        "administrator",
        "designer",
        "representative",
        "associate",
        "clerk",
        "supervisor",
        "nurse",
        "advocate",
        "chef",
        "executive",
        "intern",
        "professional",
        "senior",
        "junior",
        "lead",
        "head",
        "sales",
        "summary",
        "profile",
        "page",
        "contact",
        "objective",
        "instructor",
        "inspector",
        "mechanic",
        "holder",
        "services",
        "service",
        "operator",
        "technologist",
        "electrician",
        "cook",
        "driver",
        "agent",
        "trainer",
        "worker",
        "recruiter",
        "auditor",
        "cashier",
        "owner",
    ]
)


def find_email(text: str) -> str | None:
    match = EMAIL_RE.search(text)
    return match.group(0).rstrip(".").lower() if match else None


def find_phone(text: str, region: str) -> str | None:
    """The first valid phone number in ``text``, in E.164; numbers without a ``+`` use ``region``."""
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    return None


def find_links(text: str) -> list[str]:
    links: list[str] = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(".")
        if not url.lower().startswith("http"):
            url = "https://" + url
        if url not in links:
            links.append(url)
    return links


def network_of(url: str) -> str | None:
    host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
    return _NETWORKS.get(host)


def username_of(url: str) -> str:
    parts = [part for part in re.sub(r"^https?://[^/]+", "", url).split("/") if part]
    return parts[-1] if parts else ""


def find_location(lines: list[str]) -> dict[str, str] | None:
    """``{city, region, postalCode?}`` from the first ``City, ST [12345]`` in ``lines``."""
    for line in lines:
        for match in _LOCATION_RE.finditer(EMAIL_RE.sub(" ", line)):
            location = {"city": match["city"], "region": match["region"]}
            if match["postal"]:
                location["postalCode"] = match["postal"]
            return location
    return None


def find_name(lines: list[str]) -> str | None:
    """The first line near the top that looks like a person's name (2–4 capitalised words)."""
    for line in lines[:8]:
        candidate = re.split(r"\s{2,}|\t|\|", line.strip())[0].strip(" ,")
        if _looks_like_name(candidate):
            return candidate.title() if candidate.isupper() else candidate
    return None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() or ch in "@/:" for ch in text):
        return False
    if any(word.lower().strip(".,") in _NOT_NAME_WORDS for word in words):
        return False
    return all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and all(ch.isalpha() or ch in "'’.-" for ch in word)
