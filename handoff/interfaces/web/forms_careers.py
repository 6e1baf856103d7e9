"""Forms of the career pages: the public apply form and search, and the staff's site and posting forms."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from handoff.domain.recruiting.careers.models import CareerSite, validate_knockout_questions
from handoff.domain.recruiting.models import EmploymentType
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES

YES_NO_CHOICES = [("yes", "Yes"), ("no", "No")]


class JobSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    location = forms.CharField(required=False, max_length=200)
    employment_type = forms.ChoiceField(required=False, choices=[("", "Any type"), *EmploymentType.choices])
    department = forms.CharField(required=False, max_length=120)


class ApplyForm(forms.Form):
    """Name, e-mail, phone, resume, consent, and one yes/no field per knockout question (q0, q1, ...)."""

    full_name = forms.CharField(max_length=200, label="Full name")
    email = forms.EmailField(max_length=254, label="E-mail")
    phone = forms.CharField(max_length=40, required=False)
    resume = forms.FileField(
        label="Resume (PDF, DOCX or TXT, up to 10 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )
    consent = forms.BooleanField(required=False)

    def __init__(self, *args: Any, questions: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"q{index}"] = forms.ChoiceField(
                label=question["question"], choices=YES_NO_CHOICES, widget=forms.RadioSelect
            )

    def clean_resume(self) -> Any:
        upload = self.cleaned_data["resume"]
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The resume is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        return upload

    def answers(self) -> dict[int, str]:
        return {
            int(name[1:]): str(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and name[1:].isdigit()
        }


class CareerSiteForm(forms.ModelForm[CareerSite]):
    logo_upload = forms.FileField(required=False, label="Logo (PNG or JPEG, up to 1 MB)")

    class Meta:
        model = CareerSite
        fields = (
            "slug",
            "display_name",
            "website_url",
            "primary_colour",
            "accent_colour",
            "privacy_policy_version",
            "privacy_policy_url",
            "intro",
        )


class PostingForm(forms.Form):
    public_description = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False)
    valid_through = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label="Closes"
    )
    show_salary = forms.BooleanField(required=False, label="Publish the salary range")
    knockout_questions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text='JSON: [{"question": "...", "kind": "yes_no", "required_answer": "yes", "action": "reject"}]',
    )

    def clean_knockout_questions(self) -> list[Any]:
        text = self.cleaned_data["knockout_questions"].strip()
        if not text:
            return []
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc.msg} (line {exc.lineno}).") from exc
        validate_knockout_questions(value)
        return list(value)
