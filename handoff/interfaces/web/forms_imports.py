"""Forms of the import pages: the upload, and the column mapping (one choice per column of the file)."""

from __future__ import annotations

from typing import Any

from django import forms

from handoff.domain.imports.reading import TARGET_FIELDS

EXPORT_FORMATS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON Resume"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="CSV or XLSX with a header row, or a JSON Resume file (one resume or a list).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.json"}),
    )


class MappingForm(forms.Form):
    """``col_<n>`` for the n-th header: the candidate field the column goes to ("" leaves it out)."""

    def __init__(self, *args: Any, headers: list[str], mapping: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", "— leave out —"), *TARGET_FIELDS.items()]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or f"Column {index + 1}", choices=choices, required=False, initial=mapping.get(header, "")
            )

    def mapping(self) -> dict[str, str]:
        return {header: self.cleaned_data.get(f"col_{index}") or "" for index, header in enumerate(self.headers)}


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=EXPORT_FORMATS, initial="csv")
    q = forms.CharField(required=False, max_length=100)
