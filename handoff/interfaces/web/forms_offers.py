"""Forms of the offer, onboarding and hire-survey pages."""

from __future__ import annotations

from typing import Any

from django import forms

from handoff.domain.offers.actions import CHAIN_ROLES, DEFAULT_CHAIN
from handoff.domain.offers.models import TaskKind, TaskSide
from handoff.domain.tenancy.roles import ALL_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORES = [(score, str(score)) for score in range(1, 6)]


class OfferTermsForm(forms.Form):
    title = forms.CharField(max_length=200)
    start_date = forms.DateField(widget=DATE)
    base_salary = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    currency = forms.CharField(max_length=3, min_length=3)
    bonus = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    equity = forms.CharField(max_length=300, required=False)
    benefits = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    expires_on = forms.DateField(widget=DATE, label="Offer expires on")

    def terms(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    comment = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OfferSettingsForm(forms.Form):
    chain = forms.CharField(
        max_length=200,
        help_text="Roles in order, separated by commas: " + ", ".join(sorted(CHAIN_ROLES)),
        initial=", ".join(role for role, _ in DEFAULT_CHAIN),
        label="Approval chain",
    )
    letter_template = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=20000,
        help_text="Variables: ${candidate_name}, ${title}, ${start_date}, ${base_salary}, ${currency}, ${bonus}, "
        "${equity}, ${benefits}, ${expires_on}, ${client_name}. Leave empty for the default letter.",
    )

    def roles(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["chain"].split(",") if part.strip()]

    @staticmethod
    def role_label(role: str) -> str:
        return ALL_ROLES.get(role, role)


class ChecklistItemForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=TaskKind.choices)
    side = forms.ChoiceField(choices=TaskSide.choices, label="Done by")
    due_offset_days = forms.IntegerField(min_value=-90, max_value=365, initial=0, label="Due (days after start)")


class HireSurveyForm(forms.Form):
    performance_rating = forms.TypedChoiceField(choices=SCORES, coerce=int, label="Performance (1–5)")
    satisfaction = forms.TypedChoiceField(choices=SCORES, coerce=int, label="Your satisfaction with the hire (1–5)")
    still_employed = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes", label="Still employed?"
    )


class DocumentForm(forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput)
    document = forms.FileField(required=False)
