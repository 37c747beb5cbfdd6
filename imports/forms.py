"""The upload form: a file, the LGI it is for (when the importer asks) and the importer's own
options."""

import datetime
from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.roles import is_curator
from portal.templatetags.hlp import num

ALLOWED_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx"}


def max_upload_size():
    return getattr(settings, "IMPORTS_MAX_UPLOAD_SIZE", 256 * 1024 * 1024)


def _json_value(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        return list(value.values_list("pk", flat=True))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_json_value(item) for item in value]
    return value


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file (UTF-8, comma- or tab-separated) or an Excel workbook (.xlsx; the first "
            "sheet is read). Column names may be in Bangla or English."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )

    def __init__(self, importer, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = importer
        if importer.scoped:
            scopes = importer.scope_queryset(user).order_by("name_bn")
            only = list(scopes.values_list("pk", flat=True)[:2])
            self.fields["scope"] = forms.ModelChoiceField(
                scopes,
                label=_("LGI"),
                required=not is_curator(user),
                help_text=_("The union parishad or pourashava whose records this file holds."),
                # Union staff mostly have one union: it is chosen for them.
                initial=only[0] if len(only) == 1 else None,
            )
        self.option_names = []
        if importer.options_form is not None:
            for name, field in importer.options_form().fields.items():
                if name in self.fields:
                    raise ValueError(f"The option {name!r} clashes with a field of the upload form")
                self.fields[name] = field
                self.option_names.append(name)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix == ".xls":
            raise forms.ValidationError(
                _(
                    "This is an old Excel file (.xls). Open it in Excel and save it as .xlsx or "
                    "as CSV."
                )
            )
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("Only CSV files (.csv, .tsv, .txt) and Excel workbooks (.xlsx) can be imported.")
            )
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."))
        limit = max_upload_size()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; split it into smaller files.")
                % {"limit": num(limit // (1024 * 1024))}
            )
        return upload

    def options(self):
        return {name: _json_value(self.cleaned_data.get(name)) for name in self.option_names}
