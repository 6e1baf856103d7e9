"""Forms of the recruiting pages: they validate input and turn list fields into the actions' shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import RpoEngagement
from handoff.domain.engagements.selectors import rpo_engagement, rpo_engagements
from handoff.domain.recruiting.models import Candidate, Requisition, RequisitionStatus
from handoff.domain.recruiting.normalise import skill_entries
from handoff.domain.recruiting.selectors import ORDERINGS, hiring_managers
from handoff.domain.tenancy.access import visible_clients

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LIST_HELP = "Separate several with commas."

if TYPE_CHECKING:  # ModelForm is generic for the type checker only
    _RequisitionModelForm = forms.ModelForm[Requisition]
    _CandidateModelForm = forms.ModelForm[Candidate]
else:
    _RequisitionModelForm = _CandidateModelForm = forms.ModelForm


def split_list(text: str) -> list[str]:
    """ "a, b,,c" -> ["a", "b", "c"] (blanks and repeats dropped, order kept)."""
    seen: list[str] = []
    for item in text.replace("\n", ",").split(","):
        value = " ".join(item.split())
        if value and value not in seen:
            seen.append(value)
    return seen


def join_list(values: Any) -> str:
    if not isinstance(values, list):
        return ""
    return ", ".join(str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in values)


class ListField(forms.CharField):
    """A comma-separated text shown and read as a list of texts."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LIST_HELP)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return join_list(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return split_list(str(super().to_python(value) or ""))


class SkillListField(ListField):
    def to_python(self, value: Any) -> list[dict[str, object]]:  # type: ignore[override]
        return skill_entries(super().to_python(value))


class RequisitionForm(_RequisitionModelForm):
    """The requisition's fields; on create the engagement also names the client."""

    engagement_choice = forms.ChoiceField(label="RPO engagement")
    allowed_countries = ListField(label="Allowed countries (remote)", help_text="ISO codes, e.g. US, CA, MX.")
    allowed_time_zones = ListField(label="Allowed time zones (remote)", help_text="e.g. America/New_York.")
    required_skills = SkillListField(label="Required skills")
    preferred_skills = SkillListField(label="Preferred skills")
    languages = ListField(label="Languages")

    class Meta:
        model = Requisition
        fields: ClassVar = [
            "title",
            "department",
            "location",
            "remote",
            "allowed_countries",
            "allowed_time_zones",
            "employment_type",
            "headcount",
            "salary_min",
            "salary_max",
            "currency",
            "required_skills",
            "preferred_skills",
            "min_years_experience",
            "languages",
            "hiring_manager",
            "target_start_date",
            "priority",
            "description",
        ]
        widgets: ClassVar = {"target_start_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        engagements = rpo_engagements(actor)
        if self.instance.pk:
            engagements = engagements.filter(client_id=self.instance.client_id)
            self.initial.setdefault("engagement_choice", self.instance.engagement_id)
        choices = [(row.pk, f"{row.client.name} — {row.name}") for row in engagements]
        field = self.fields["engagement_choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose an engagement…"), *choices]
        manager = self.fields["hiring_manager"]
        assert isinstance(manager, forms.ModelChoiceField)
        managers = hiring_managers(actor)
        manager.queryset = managers.filter(client_id=self.instance.client_id) if self.instance.pk else managers
        self.order_fields(["engagement_choice", *self.Meta.fields])

    def clean_engagement_choice(self) -> RpoEngagement:
        try:
            return rpo_engagement(self.actor, self.cleaned_data.get("engagement_choice"))
        except Http404 as exc:
            raise ValidationError("Choose one of your RPO engagements.") from exc

    def action_data(self) -> dict[str, Any]:
        data = {field: self.cleaned_data[field] for field in self.Meta.fields if field in self.cleaned_data}
        data["engagement"] = self.cleaned_data["engagement_choice"]
        return data

    def _post_clean(self) -> None:
        """The model is validated by the action (with its client set); only the form's fields are checked here."""


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=RequisitionStatus.choices)
    note = forms.CharField(max_length=500, required=False)


class CandidateForm(_CandidateModelForm):
    skills = SkillListField(label="Skills")
    languages = ListField(label="Languages")
    tags = ListField(label="Tags")
    origin_client_choice = forms.ChoiceField(
        label="Sourced for", required=False, help_text="Without consent to share, the candidate stays with this client."
    )

    class Meta:
        model = Candidate
        fields: ClassVar = [
            "full_name",
            "email",
            "phone",
            "profile_url",
            "city",
            "country",
            "headline",
            "skills",
            "languages",
            "years_experience",
            "salary_expectation",
            "salary_currency",
            "notice_period_days",
            "source",
            "consent_policy_version",
            "consent_date",
            "consent_channel",
            "share_across_clients",
            "tags",
        ]
        widgets: ClassVar = {"consent_date": DATE_WIDGET}

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["origin_client_choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *visible_clients(actor).values_list("pk", "name")]
        if self.instance.pk:
            self.initial.setdefault("origin_client_choice", self.instance.origin_client_id or "")

    def action_data(self) -> dict[str, Any]:
        data = {field: self.cleaned_data[field] for field in self.Meta.fields if field in self.cleaned_data}
        data["origin_client"] = self.cleaned_data.get("origin_client_choice") or None
        return data

    def _post_clean(self) -> None:
        """Validated (and checked for duplicates) by the action."""


class NoteForm(forms.Form):
    body = forms.CharField(label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class MoveForm(forms.Form):
    stage = forms.CharField(max_length=40)
    reason = forms.CharField(max_length=300, required=False)


class AddApplicationForm(forms.Form):
    candidate = forms.IntegerField(min_value=1, label="Candidate id")


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(min_value=1, label="Duplicate profile id")


BULK_OPERATIONS = [
    ("move", "Move to stage"),
    ("reject", "Reject with reason"),
    ("reject_email", "Reject with reason and e-mail the candidate"),
    ("tag", "Add tag"),
]


class BulkForm(forms.Form):
    applications = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    operation = forms.ChoiceField(choices=BULK_OPERATIONS)
    value = forms.CharField(max_length=300, label="Stage, reason or tag")

    def __init__(self, *args: Any, application_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["applications"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in application_ids]
        field.error_messages["invalid_choice"] = "Choose applications of this requisition."


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    stage = forms.CharField(required=False, max_length=40)
    tag = forms.CharField(required=False, max_length=40)
    stale = forms.BooleanField(required=False, label="Stale only")
    order = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in ORDERINGS],
    )
