"""E-mail templates: the defaults, the sandboxed renderer, and the values a template may use.

Subject and body are Django template text rendered by an engine of their own: no loaders (``include`` and
``extends`` find nothing), no tag libraries to ``load``, no autoescaping (plain-text mail), and a context of
plain dictionaries and strings only (never a model instance, so no method of a row can be reached).
Variables: ``candidate`` (first_name, last_name, full_name), ``requisition`` (title, department, location),
``client`` (name), ``stage`` (name), ``recruiter`` and ``recipient`` (name), ``submittal`` (write_up, decision,
reason, feedback), ``reason``, ``link``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError

MAX_SUBJECT = 200

ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, debug=False)


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


DEFAULTS: dict[str, Wording] = {
    "submittal_created": Wording(
        "New candidate for {{ requisition.title }}: {{ candidate.full_name }}",
        "Hello {{ recipient.name }},\n\n{{ recruiter.name }} submitted {{ candidate.full_name }} for "
        "{{ requisition.title }}.\n\n{{ submittal.write_up }}\n\nReview the candidate and decide: {{ link }}\n",
    ),
    "submittal_decided": Wording(
        "{{ client.name }} decided on {{ candidate.full_name }}: {{ submittal.decision }}",
        "Hello {{ recipient.name }},\n\n{{ client.name }} decided on {{ candidate.full_name }} "
        "({{ requisition.title }}): {{ submittal.decision }}.\n"
        "{% if submittal.reason %}Reason: {{ submittal.reason }}\n{% endif %}"
        "{% if submittal.feedback %}Feedback: {{ submittal.feedback }}\n{% endif %}\n{{ link }}\n",
    ),
    "application_rejected": Wording(
        "Your application for {{ requisition.title }} at {{ client.name }}",
        "Dear {{ candidate.first_name }},\n\nThank you for your interest in the {{ requisition.title }} position "
        "at {{ client.name }}. After careful consideration we will not be moving forward with your application.\n\n"
        "We wish you every success in your search.\n\n{{ client.name }} recruiting team\n",
    ),
    "stage_entry": Wording(
        "An update on your application for {{ requisition.title }}",
        "Dear {{ candidate.first_name }},\n\nYour application for {{ requisition.title }} at {{ client.name }} "
        "has moved on to: {{ stage.name }}.\n\n{{ client.name }} recruiting team\n",
    ),
}

SAMPLE_CONTEXT: dict[str, Any] = {
    "candidate": {"first_name": "Ana", "last_name": "Lima", "full_name": "Ana Lima"},
    "requisition": {"title": "Backend engineer", "department": "Engineering", "location": "Boston"},
    "client": {"name": "Acme"},
    "stage": {"name": "Interview"},
    "recruiter": {"name": "Riley Recruiter"},
    "recipient": {"name": "Harper Manager"},
    "submittal": {"write_up": "Strong Python.", "decision": "Interview", "reason": "", "feedback": ""},
    "reason": "",
    "link": "https://handoff.example/portal/",
}


class RenderError(ValueError):
    """A template that does not compile or render (its message names what is wrong)."""


def render_text(source: str, context: dict[str, Any]) -> str:
    try:
        return ENGINE.from_string(source).render(Context(context, autoescape=False))
    except TemplateSyntaxError as exc:
        raise RenderError(f"Template error: {exc}") from exc
    except Exception as exc:  # an include of nothing, a bad filter argument: the template's fault, not ours
        raise RenderError(f"The template could not be rendered: {exc}") from exc


def render(wording: Wording, context: dict[str, Any]) -> Wording:
    """Subject (one line, at most 200 characters) and body rendered against ``context``."""
    subject = " ".join(render_text(wording.subject, context).split())[:MAX_SUBJECT]
    return Wording(subject, render_text(wording.body, context))


def check(subject: str, body: str) -> None:
    """Field errors when a template does not compile or render against the sample values."""
    errors: dict[str, str] = {}
    for field, source in (("subject", subject), ("body", body)):
        try:
            render_text(source, SAMPLE_CONTEXT)
        except RenderError as exc:
            errors[field] = str(exc)
    if errors:
        raise ValidationError(errors)


def person(name: str) -> dict[str, str]:
    return {"name": name}


def candidate_values(full_name: str) -> dict[str, str]:
    first, _, last = full_name.strip().partition(" ")
    return {"first_name": first, "last_name": last.strip(), "full_name": full_name.strip()}
