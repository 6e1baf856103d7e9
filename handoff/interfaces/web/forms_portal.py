"""Forms of the client portal (submittal decisions), the recruiter's submit form and e-mail templates."""

from __future__ import annotations

from django import forms

from handoff.domain.recruiting.submittals.models import MAX_WRITE_UP, Decision


class SubmitForm(forms.Form):
    write_up = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_WRITE_UP,
        label="Write-up for the client",
        help_text="Why this candidate: experience, motivation, availability, anything the hiring manager should know.",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(max_length=300, required=False, label="Reason (needed to reject)")
    feedback = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_WRITE_UP, required=False)


class TemplateForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), max_length=10_000)
