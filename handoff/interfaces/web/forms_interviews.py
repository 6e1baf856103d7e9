"""Forms of the interview pages: availability (one line of ranges per weekday), a plan round, booking, scorecards.

They turn what a person types into the plain data the interview actions take; the actions (and the engine)
decide what is valid and their field errors come back onto these fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from handoff.domain.interviews.models import Recommendation, RoundKind
from handoff.domain.tenancy.models import TIME_ZONE_CHOICES
from handoff.engines.interviews import DEFAULT_SCALE
from handoff.engines.interviews.availability import WEEKDAY_NAMES

RANGE_HELP = "Ranges in your own time, e.g. 09:00-12:00, 13:00-17:00. Leave empty for a day off."


def _ranges(text: str) -> list[tuple[str, str]]:
    pairs = []
    for part in text.replace(";", ",").split(","):
        if part.strip():
            start, _, end = part.strip().partition("-")
            pairs.append((start.strip(), end.strip()))
    return pairs


class AvailabilityForm(forms.Form):
    time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
    exceptions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One date a line: '2026-12-24 off', or '2026-12-27 10:00-12:00' for extra hours.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAY_NAMES):
            self.fields[f"day_{day}"] = forms.CharField(
                label=name, required=False, max_length=200, help_text=RANGE_HELP
            )

    @staticmethod
    def initial_from(time_zone: str, weekly: list[dict[str, Any]], exceptions: list[dict[str, Any]]) -> dict[str, Any]:
        initial: dict[str, Any] = {"time_zone": time_zone}
        for day in range(7):
            initial[f"day_{day}"] = ", ".join(f"{w['start']}-{w['end']}" for w in weekly if w["weekday"] == day)
        lines = []
        for item in exceptions:
            extra = ", ".join(f"{a}-{b}" for a, b in item.get("extra", []))
            lines.append(f"{item['day']} {'off' if item.get('unavailable') else ''} {extra}".replace("  ", " ").strip())
        initial["exceptions"] = "\n".join(lines)
        return initial

    def weekly(self) -> list[dict[str, Any]]:
        return [
            {"weekday": day, "start": start, "end": end}
            for day in range(7)
            for start, end in _ranges(self.cleaned_data.get(f"day_{day}", ""))
        ]

    def exception_rows(self) -> list[dict[str, Any]]:
        rows = []
        for line in self.cleaned_data.get("exceptions", "").splitlines():
            words = line.strip().split(None, 1)
            if not words:
                continue
            rest = words[1] if len(words) > 1 else ""
            off = rest.strip().lower().startswith("off")
            extra = _ranges(rest.strip()[3:] if off else rest)
            rows.append({"day": words[0], "unavailable": off or not extra, "extra": [list(p) for p in extra]})
        return rows


class RoundForm(forms.Form):
    kind = forms.ChoiceField(choices=RoundKind.choices)
    title = forms.CharField(max_length=120)
    duration_minutes = forms.IntegerField(min_value=5, max_value=480, initial=60, label="Duration (minutes)")
    interviewers = forms.MultipleChoiceField(choices=(), widget=forms.CheckboxSelectMultiple)
    skills = forms.MultipleChoiceField(choices=(), required=False, widget=forms.CheckboxSelectMultiple)
    culture_fit = forms.BooleanField(required=False, label="Culture fit")
    potential = forms.BooleanField(required=False, label="Potential")
    custom = forms.CharField(required=False, max_length=300, help_text="Other competencies, comma-separated.")

    def __init__(self, *args: Any, people: list[tuple[int, str]], skills: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].choices = [(str(pk), name) for pk, name in people]  # type: ignore[attr-defined]
        self.fields["skills"].choices = [(name, name) for name in skills]  # type: ignore[attr-defined]

    def as_round(self) -> dict[str, Any]:
        data = self.cleaned_data
        competencies = [{"source": "skill", "label": name} for name in data["skills"]]
        if data["culture_fit"]:
            competencies.append({"source": "culture_fit", "label": ""})
        if data["potential"]:
            competencies.append({"source": "potential", "label": ""})
        competencies += [{"source": "custom", "label": c.strip()} for c in data["custom"].split(",") if c.strip()]
        return {
            "kind": data["kind"],
            "title": data["title"],
            "duration_minutes": data["duration_minutes"],
            "interviewers": [{"user_id": int(pk), "required": True} for pk in data["interviewers"]],
            "competencies": competencies,
        }


class ProposalForm(forms.Form):
    candidate_time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES, label="Candidate's time zone")
    days = forms.IntegerField(min_value=1, max_value=42, initial=14, label="Look ahead (days)")


class BookForm(forms.Form):
    start = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S"])
    candidate_time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
    meeting_url = forms.URLField(required=False, max_length=500, label="Video meeting link")


class OfferForm(forms.Form):
    starts = forms.MultipleChoiceField(choices=(), widget=forms.CheckboxSelectMultiple, label="Slots to offer")
    candidate_time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
    meeting_url = forms.URLField(required=False, max_length=500, label="Video meeting link")

    def __init__(self, *args: Any, starts: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts"].choices = [(s, s) for s in starts]  # type: ignore[attr-defined]

    def chosen(self) -> list[dt.datetime]:
        return [dt.datetime.fromisoformat(s) for s in self.cleaned_data["starts"]]


class RescheduleForm(forms.Form):
    start = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
        label="New start",
    )
    time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES, label="in the time zone")


SCORE_CHOICES = [("", "—")] + [
    (str(score), f"{score} · {DEFAULT_SCALE.label(score)}")
    for score in range(DEFAULT_SCALE.low, DEFAULT_SCALE.high + 1)
]


class ScorecardForm(forms.Form):
    recommendation = forms.TypedChoiceField(
        choices=[("", "—"), *[(str(v), label) for v, label in Recommendation.choices]],
        coerce=int,
        empty_value=None,
        required=False,
        label="Overall recommendation",
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Notes")

    def __init__(self, *args: Any, competencies: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for item in competencies:
            key = item["key"]
            self.fields[f"score__{key}"] = forms.ChoiceField(choices=SCORE_CHOICES, required=False, label=item["label"])
            self.fields[f"evidence__{key}"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 2}), label=f"Evidence: {item['label']}"
            )

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"score__{c['key']}"], self[f"evidence__{c['key']}"]) for c in self.competencies]

    def ratings(self) -> list[dict[str, Any]]:
        rows = []
        for item in self.competencies:
            score = self.cleaned_data.get(f"score__{item['key']}")
            if score:
                rows.append(
                    {
                        "competency_key": item["key"],
                        "score": int(score),
                        "evidence": self.cleaned_data.get(f"evidence__{item['key']}", ""),
                    }
                )
        return rows

    def error_field(self, name: str) -> str | None:
        """The form field an action's error names (``ratings.<key>`` → the score field)."""
        if name.startswith("ratings.") and f"score__{name[8:]}" in self.fields:
            return f"score__{name[8:]}"
        return name if name in self.fields else None
