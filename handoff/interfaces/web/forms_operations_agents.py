"""Forms of the agent set-up pages: the filters of the agents list and one agent's profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from handoff.domain.accounts.models import User
from handoff.domain.engagements.models import DeliveryCenter
from handoff.domain.operations.models import MAX_SKILL_LEVEL, SKILL_NAME_LENGTH, AgentProfile
from handoff.domain.tenancy.models import Client
from handoff.engines.routing import AgentState

JSON_ATTRS = {"rows": 4, "spellcheck": "false"}
STATE_CHOICES = [(state.value, state.value.title()) for state in AgentState]


class AgentFilterForm(forms.Form):
    center = forms.ModelChoiceField(queryset=DeliveryCenter.objects.none(), required=False, empty_label="Any center")
    state = forms.ChoiceField(choices=[("", "Any state"), *STATE_CHOICES], required=False)
    skill = forms.CharField(max_length=SKILL_NAME_LENGTH, required=False)

    def __init__(self, *args: Any, centers: QuerySet[DeliveryCenter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers  # type: ignore[attr-defined]


class AgentForm(forms.Form):
    """One agent's profile; the certifications offered are those of the editor's clients only."""

    user = forms.ModelChoiceField(queryset=User.objects.none(), label="Staff member")
    center = forms.ModelChoiceField(queryset=DeliveryCenter.objects.none())
    skills = forms.JSONField(
        required=False,
        widget=forms.Textarea(attrs=JSON_ATTRS),
        help_text=f'Skill to level (1–{MAX_SKILL_LEVEL}), named as the queues require them: {{"refunds": 3}}.',
    )
    languages = forms.JSONField(required=False, widget=forms.Textarea(attrs=JSON_ATTRS), help_text='["en", "es"]')
    shift_start = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    shift_end = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Local time at the center; both empty: the center's hours. An end before the start crosses midnight.",
    )
    concurrency = forms.IntegerField(initial=1, help_text="Items in hand at once (1–50).")
    state = forms.ChoiceField(choices=STATE_CHOICES, initial=AgentState.OFFLINE)
    certified_clients = forms.ModelMultipleChoiceField(
        queryset=Client.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Certified for",
        help_text="Clients whose items the agent may work.",
    )

    def __init__(
        self,
        *args: Any,
        centers: QuerySet[DeliveryCenter],
        clients: QuerySet[Client],
        candidates: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers  # type: ignore[attr-defined]
        self.fields["certified_clients"].queryset = clients  # type: ignore[attr-defined]
        if candidates is None:
            del self.fields["user"]  # editing: the staff member is fixed
        else:
            self.fields["user"].queryset = candidates  # type: ignore[attr-defined]

    def profile_data(self) -> dict[str, Any]:
        """The cleaned values as the action takes them (empty JSON fields as empty values)."""
        data = self.cleaned_data
        fields = ("center", "shift_start", "shift_end", "concurrency", "state")
        values: dict[str, Any] = {field: data[field] for field in fields}
        values["skills"] = {} if data["skills"] is None else data["skills"]
        values["languages"] = [] if data["languages"] is None else data["languages"]
        return values


def agent_initial(profile: AgentProfile, certified: list[Client]) -> dict[str, Any]:
    fields = ("center", "skills", "languages", "shift_start", "shift_end", "concurrency", "state")
    initial: dict[str, Any] = {field: getattr(profile, field) for field in fields}
    initial["certified_clients"] = certified
    return initial
