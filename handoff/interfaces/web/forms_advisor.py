"""Forms of the public advisor: the questionnaire, the assumptions editor, the proposal request.

The questionnaire builds the same plain answers the API takes (``codec.answers_from_data``), so both
interfaces get the engine's checks; an engine message names a question (``hiring.hires_per_year``),
which :meth:`QuestionnaireForm.field_for` maps back to the form field that asked it.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields
from typing import Any

from django import forms
from django_countries import countries

from handoff.domain.advisor import codec
from handoff.domain.tenancy.models import TIME_ZONE_CHOICES, Industry
from handoff.engines.advisor import Assumptions, Collaboration, Coverage, ProcessKind, Sensitivity
from handoff.engines.delivery_location import DeliveryLocation

PRIORITY_CHOICES = [(str(value), label) for value, label in enumerate(("0 — no", "1", "2", "3", "4", "5 — decisive"))]
PROCESS_LABELS = {
    ProcessKind.CUSTOMER_SERVICE: "Customer service",
    ProcessKind.SALES_SUPPORT: "Sales support",
    ProcessKind.IT_SUPPORT: "IT support",
    ProcessKind.ACCOUNTING: "Accounting",
    ProcessKind.PAYROLL: "Payroll",
    ProcessKind.DATA_ENTRY: "Data entry",
    ProcessKind.OTHER: "Other",
}
CUSTOMER_FACING_BY_DEFAULT = frozenset({ProcessKind.CUSTOMER_SERVICE, ProcessKind.SALES_SUPPORT})
PROCESS_QUESTIONS = (
    "customer_facing",
    "monthly_volume",
    "in_house_fte",
    "languages",
    "coverage",
    "sensitivity",
    "regulated",
)
BUSINESS_QUESTIONS = ("country", "time_zone", "industry", "employees")
HIRING_QUESTIONS = (
    "hires_per_year",
    "peak_quarter_pct",
    "hard_to_fill_pct",
    "time_to_hire_days",
    "cost_per_hire",
    "recruiters",
    "hr_collaboration",
)
PRIORITY_QUESTIONS = ("priority_cost", "priority_speed", "priority_quality", "priority_control")
ENGINE_TO_FORM = {
    "hiring": "hires_per_year",
    "hiring.peak_quarter_share": "peak_quarter_pct",
    "hiring.hard_to_fill_share": "hard_to_fill_pct",
    "processes": "services",
}
PERCENT = 100


def _number(attrs: dict[str, str] | None = None) -> forms.NumberInput:
    return forms.NumberInput(attrs={"inputmode": "decimal", **(attrs or {})})


class QuestionnaireForm(forms.Form):
    services = forms.MultipleChoiceField(
        choices=[("rpo", "Recruitment (RPO)"), ("bpo", "Business processes (BPO)")],
        widget=forms.CheckboxSelectMultiple,
        initial=["rpo", "bpo"],
        label="What would you like advice on?",
        help_text="We only ask the questions of the parts you choose.",
    )
    country = forms.ChoiceField(
        choices=[("", "Choose…"), *countries],
        label="Country",
        help_text="Sets today's labour cost and whether a delivery center is onshore, nearshore or offshore.",
    )
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES,
        initial="UTC",
        label="Time zone of your main office",
        help_text="Customer-facing work needs live overlap with your hours: it decides nearshore or offshore.",
    )
    industry = forms.ChoiceField(
        choices=Industry.choices, initial=Industry.OTHER, help_text="For context in the report."
    )
    employees = forms.IntegerField(
        widget=_number({"inputmode": "numeric"}),
        label="Employees",
        help_text="Hiring half your headcount in a year is a surge; it also checks the hiring figures.",
    )
    hires_per_year = forms.IntegerField(
        required=False,
        widget=_number({"inputmode": "numeric"}),
        label="Hires per year",
        help_text="Recruitment outsourcing pays from about a dozen hires a year.",
    )
    peak_quarter_pct = forms.IntegerField(
        initial=25,
        min_value=0,
        max_value=100,
        widget=_number({"inputmode": "numeric"}),
        label="Share of the year's hires in the busiest quarter (%)",
        help_text="25 % is even; 40 % or more is a seasonal surge, best run as an on-demand project.",
    )
    hard_to_fill_pct = forms.IntegerField(
        initial=0,
        min_value=0,
        max_value=100,
        widget=_number({"inputmode": "numeric"}),
        label="Share of hires for roles that are hard to fill (%)",
        help_text="Many hard roles call for specialist sourcing even at low volume.",
    )
    time_to_hire_days = forms.FloatField(
        required=False,
        widget=_number(),
        label="Today's time-to-hire (days), if known",
        help_text="The baseline for the time saved.",
    )
    cost_per_hire = forms.FloatField(
        required=False,
        widget=_number(),
        label="Today's cost per hire, if known",
        help_text="Used instead of our estimate.",
    )
    recruiters = forms.IntegerField(
        initial=0,
        widget=_number({"inputmode": "numeric"}),
        label="In-house recruiters",
        help_text="Their capacity decides whether you need help at all, and whether a hybrid model fits.",
    )
    hr_collaboration = forms.ChoiceField(
        choices=[(Collaboration.NONE, "None"), (Collaboration.SOME, "Some"), (Collaboration.HIGH, "A lot")],
        initial=Collaboration.SOME,
        label="How much can your HR team work with a provider?",
        help_text="A hybrid model shares the hiring stages with your HR team.",
    )
    priority_cost = forms.TypedChoiceField(choices=PRIORITY_CHOICES, coerce=int, initial="3", label="Cost")
    priority_speed = forms.TypedChoiceField(choices=PRIORITY_CHOICES, coerce=int, initial="3", label="Speed")
    priority_quality = forms.TypedChoiceField(choices=PRIORITY_CHOICES, coerce=int, initial="3", label="Quality")
    priority_control = forms.TypedChoiceField(
        choices=PRIORITY_CHOICES,
        coerce=int,
        initial="3",
        label="Control",
        help_text="High control keeps sensitive work and the final hiring steps in-house.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in ProcessKind:
            self.fields.update(_process_fields(kind))

    @staticmethod
    def process_field(kind: str, question: str) -> str:
        return f"{kind}__{question}"

    def included_kinds(self) -> list[ProcessKind]:
        return [kind for kind in ProcessKind if self.cleaned_data.get(self.process_field(kind, "include"))]

    def answers_data(self) -> dict[str, Any]:
        """The answers as the API's JSON shape."""
        data = self.cleaned_data
        services = list(data.get("services") or [])
        answers: dict[str, Any] = {
            "services": services,
            "business": {name: data.get(name) for name in BUSINESS_QUESTIONS},
            "priorities": {name.removeprefix("priority_"): data.get(name) for name in PRIORITY_QUESTIONS},
            "processes": [self._process_data(kind) for kind in self.included_kinds()] if "bpo" in services else [],
        }
        if "rpo" in services and data.get("hires_per_year") is not None:
            answers["hiring"] = {
                "hires_per_year": data["hires_per_year"],
                "peak_quarter_share": (data.get("peak_quarter_pct") or 0) / PERCENT,
                "hard_to_fill_share": (data.get("hard_to_fill_pct") or 0) / PERCENT,
                "time_to_hire_days": data.get("time_to_hire_days"),
                "cost_per_hire": data.get("cost_per_hire"),
                "recruiters": data.get("recruiters") or 0,
                "hr_collaboration": data.get("hr_collaboration"),
            }
        return answers

    def _process_data(self, kind: ProcessKind) -> dict[str, Any]:
        value = {question: self.cleaned_data.get(self.process_field(kind, question)) for question in PROCESS_QUESTIONS}
        value["customer_facing"] = value["customer_facing"] == "yes"
        value["kind"] = str(kind)
        return value

    def field_for(self, engine_field: str) -> str | None:
        """The form field that asked the question the engine names (None: a message for the whole form)."""
        if engine_field in ENGINE_TO_FORM:
            return ENGINE_TO_FORM[engine_field]
        match = re.fullmatch(r"processes\[(\d+)\](?:\.(\w+))?", engine_field)
        if match:
            kinds = self.included_kinds()
            index, question = int(match.group(1)), match.group(2) or "include"
            return self.process_field(kinds[index], question) if index < len(kinds) else None
        name = engine_field.split(".", 1)[-1]
        if engine_field.startswith("priorities."):
            name = f"priority_{name}"
        return name if name in self.fields else None

    def process_groups(self) -> list[tuple[str, str, list[forms.BoundField], bool]]:
        """(kind, label, its bound fields with the "include" box first, open?) for the template."""
        groups = []
        for kind in ProcessKind:
            bound = [self[self.process_field(kind, q)] for q in ("include", *PROCESS_QUESTIONS)]
            is_open = bool(bound[0].value()) or any(field.errors for field in bound)
            groups.append((str(kind), PROCESS_LABELS[kind], bound, is_open))
        return groups

    def section(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]


def _process_fields(kind: ProcessKind) -> dict[str, forms.Field]:
    facing = "yes" if kind in CUSTOMER_FACING_BY_DEFAULT else "no"
    label = PROCESS_LABELS[kind]
    return {
        f"{kind}__include": forms.BooleanField(required=False, label=f"Consider {label.lower()}"),
        f"{kind}__customer_facing": forms.ChoiceField(
            choices=[("yes", "Customer-facing"), ("no", "Internal")],
            initial=facing,
            label="Who is it for?",
            help_text="Customer-facing work is front-office and needs language and time-zone cover.",
        ),
        f"{kind}__monthly_volume": forms.IntegerField(
            required=False,
            widget=_number({"inputmode": "numeric"}),
            label="Volume a month (contacts, tickets, invoices, payslips, records)",
            help_text="Sizes the work; or give the people doing it today.",
        ),
        f"{kind}__in_house_fte": forms.FloatField(
            required=False,
            widget=_number(),
            label="People doing it today (FTE)",
            help_text="Wins over the volume when given.",
        ),
        f"{kind}__languages": forms.CharField(
            initial="en",
            max_length=60,
            label="Languages (two-letter codes, comma-separated)",
            help_text="Offshore centers staff some languages only.",
        ),
        f"{kind}__coverage": forms.ChoiceField(
            choices=[
                (Coverage.OFFICE_HOURS, "Office hours"),
                (Coverage.EXTENDED, "Extended hours"),
                (Coverage.ALWAYS, "24/7"),
            ],
            initial=Coverage.OFFICE_HOURS,
            label="Hours of coverage",
            help_text="24/7 is cheapest follow-the-sun, from centers in other time zones.",
        ),
        f"{kind}__sensitivity": forms.ChoiceField(
            choices=[(Sensitivity.LOW, "Low"), (Sensitivity.MEDIUM, "Medium"), (Sensitivity.HIGH, "High")],
            initial=Sensitivity.LOW,
            label="Data sensitivity",
            help_text="Sensitive data limits where the work may be done.",
        ),
        f"{kind}__regulated": forms.BooleanField(
            required=False, label="Regulated (e.g. financial, health or personal data rules)"
        ),
    }


# --- assumptions ---------------------------------------------------------------------------------------------

SKIPPED_ASSUMPTIONS = frozenset({"currency", "in_house_cost_per_fte_year_other"})


class AssumptionsForm(forms.Form):
    """Every number of the cost model as a field, initialised from ``assumptions``.

    ``countries`` lists the countries whose in-house cost is editable (the prospect's own on the results page).
    :meth:`values` gives the plain values that differ from ``assumptions`` (for ``codec.apply_values``).
    """

    def __init__(self, *args: Any, assumptions: Assumptions, countries: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base = assumptions
        self.labels: dict[str, str] = {}
        for item in dataclass_fields(assumptions):
            if item.name in SKIPPED_ASSUMPTIONS:
                continue
            for key, label, value in _editable(assumptions, item.name, item.metadata["label"], countries):
                self.labels[key] = label
                field: forms.Field
                if isinstance(value, str):
                    field = forms.CharField(max_length=200, label=label, initial=value)
                else:
                    field = forms.FloatField(min_value=0, max_value=1e9, label=label, initial=value, widget=_number())
                self.fields[key] = field

    def values(self) -> dict[str, Any]:
        """The edited values that differ from the base assumptions, as plain JSON for ``codec.apply_values``."""
        changed: dict[str, Any] = {}
        for key, value in self.cleaned_data.items():
            name, *rest = key.split("__")
            if isinstance(value, str):
                languages = sorted({part.strip().lower() for part in value.split(",") if part.strip()})
                if languages != sorted(self.base.offshore_languages):
                    changed[name] = languages
                continue
            current = _current(self.base, name, rest)
            if current is None or abs(float(value) - current) > 1e-9:
                _set(changed, self.base, name, rest, float(value))
        return changed


def _editable(assumptions: Assumptions, name: str, label: str, countries: list[str]) -> list[tuple[str, str, Any]]:
    value = getattr(assumptions, name)
    if name == codec.COUNTRY_KEYED:
        other = assumptions.in_house_cost_per_fte_year_other
        return [(f"{name}__{code}", f"{label}: {code}", value.get(code, other)) for code in countries]
    if name == codec.LOCATION_KEYED:
        return [
            (f"{name}__{location}__{end}", f"{label}: {location} {end}", value[location][i])
            for location in (DeliveryLocation.NEARSHORE, DeliveryLocation.OFFSHORE)
            for i, end in enumerate(("low", "high"))
        ]
    if name == codec.KIND_KEYED:
        return [(f"{name}__{kind}", f"{label}: {PROCESS_LABELS[kind].lower()}", value[kind]) for kind in ProcessKind]
    if name in codec.RANGE_FIELDS:
        return [(f"{name}__{end}", f"{label} ({end})", value[i]) for i, end in enumerate(("low", "high"))]
    if isinstance(value, frozenset):
        return [(name, label, ", ".join(sorted(value)))]
    return [(name, label, value)]


def _current(base: Assumptions, name: str, rest: list[str]) -> float | None:
    value = getattr(base, name)
    ends = {"low": 0, "high": 1}
    if name == codec.LOCATION_KEYED:
        return float(value[DeliveryLocation(rest[0])][ends[rest[1]]])
    if name == codec.KIND_KEYED:
        return float(value[ProcessKind(rest[0])])
    if name == codec.COUNTRY_KEYED:
        return float(value[rest[0]]) if rest[0] in value else None
    if name in codec.RANGE_FIELDS:
        return float(value[ends[rest[0]]])
    return float(value)


def _set(changed: dict[str, Any], base: Assumptions, name: str, rest: list[str], value: float) -> None:
    """Record one edited number in the plain shape ``codec.apply_values`` reads (ranges as both ends)."""
    current = getattr(base, name)
    ends = {"low": 0, "high": 1}
    if name == codec.LOCATION_KEYED:
        location = rest[0]
        pair = changed.setdefault(name, {}).setdefault(location, list(current[DeliveryLocation(location)]))
        pair[ends[rest[1]]] = value
    elif name in (codec.KIND_KEYED, codec.COUNTRY_KEYED):
        changed.setdefault(name, {})[rest[0]] = value
    elif name in codec.RANGE_FIELDS:
        pair = changed.setdefault(name, list(current))
        pair[ends[rest[0]]] = value
    else:
        changed[name] = value


# --- leads ---------------------------------------------------------------------------------------------------


class ProposalForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name")
    company = forms.CharField(max_length=200, label="Company")
    email = forms.EmailField(max_length=254, label="Work e-mail")
    message = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label="Anything we should know?"
    )
    consent = forms.BooleanField(
        label="I agree that the provider contacts me about a proposal.",
        error_messages={"required": "We can only contact you with your consent."},
    )


class LeadStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[("new", "New"), ("contacted", "Contacted"), ("declined", "Declined")])
