"""The forms of the checker and the scoring page. Both are GET forms, so a result's address holds
the whole scheme and can be shared; a CSV upload is read here and turned into such an address."""

import csv
import io
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from procurement import rules

MAX_ROWS = 20
MAX_CSV_BYTES = 100_000
HUNDRED = Decimal(100)
MAX_MARKS = Decimal(10_000)  # of one criterion
NUMBER = {"invalid": _("Enter a number, such as 15 or 12.5.")}
CSV_COLUMNS = ["criterion", "marks", "type"]
KIND_CHOICES = [
    (rules.OTHER, _("Other")),
    (rules.EXPERIENCE, _("Experience")),
    (rules.INNOVATION, _("Innovation")),
]
# What the CSV's type column may say, in either language.
KIND_WORDS = {"experience": rules.EXPERIENCE, "經驗": rules.EXPERIENCE, "经验": rules.EXPERIENCE}
KIND_WORDS |= {"innovation": rules.INNOVATION, "創新": rules.INNOVATION, "创新": rules.INNOVATION}
KIND_WORDS |= {"other": rules.OTHER, "其他": rules.OTHER, "": rules.OTHER}


def number_field(label, help_text="", max_value=HUNDRED, **kwargs):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=12,
        decimal_places=2,
        max_value=max_value,
        error_messages=NUMBER
        | {
            "min_value": _("Enter %(limit_value)s or more."),
            "max_value": _("Enter %(limit_value)s or less."),
            "max_decimal_places": _("Use at most 2 decimal places."),
            "max_digits": _("This number is too long."),
            "max_whole_digits": _("This number is too long."),
            "required": _("Enter this number."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8}),
        **kwargs,
    )


class WeightsForm(forms.Form):
    technical_weight = number_field(_("Technical weight (%)"), _("For example 60 for a weighting of 6:4."), min_value=0)
    price_weight = number_field(_("Price weight (%)"), _("For example 40 for a weighting of 6:4."), min_value=0)

    def clean(self):
        data = super().clean()
        technical, price = data.get("technical_weight"), data.get("price_weight")
        if technical is not None and price is not None and technical + price != HUNDRED:
            raise ValidationError(
                _("The technical and price weights must add up to 100 (they add up to %(sum)s)."),
                params={"sum": rules.tidy(technical + price)},
                code="weights",
            )
        return data


class SchemeForm(WeightsForm):
    subject = forms.CharField(
        label=_("Subject of the tender"),
        max_length=200,
        required=False,
        help_text=_("Optional: a few words, such as 'chiller energy', to find solutions for the tender afterwards."),
    )
    experience_essential = forms.BooleanField(
        label=_("Experience is an essential requirement (tenders without it are rejected)"), required=False
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    marks = number_field(_("Marks"), min_value=0, max_value=MAX_MARKS)
    kind = forms.ChoiceField(label=_("Type"), choices=KIND_CHOICES, initial=rules.OTHER)

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", _("Enter the criterion's name."))
        return data


class BaseRowsFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": _("The form was incomplete: please start again from the empty form."),
        "too_many_forms": _("Enter at most %(num)d rows."),
        "too_few_forms": _("Enter at least %(num)d rows."),
    }

    def initial_form_count(self):
        # Every row may be left blank, those shown filled in too: the page is stateless.
        return 0

    def rows(self):
        """The filled rows' cleaned data (blank rows are left out)."""
        return [f.cleaned_data for f in self.forms if f.has_changed() and f.cleaned_data]


class CriteriaFormSet(BaseRowsFormSet):
    def clean(self):
        if any(self.errors) or self._non_form_errors:  # an error of its own would replace those
            return
        if sum((row["marks"] for row in self.rows()), Decimal(0)) <= 0:
            raise ValidationError(_("Enter at least one technical criterion with marks."), code="empty")


def criteria_formset(data=None, initial=None, extra=8):
    cls = forms.formset_factory(
        CriterionForm, formset=CriteriaFormSet, extra=extra, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
    )
    return cls(data, initial=initial, prefix="c")


class UploadForm(SchemeForm):
    csv_file = forms.FileField(
        label=_("CSV file of the technical criteria"),
        error_messages={"required": _("Choose a CSV file."), "empty": _("The file is empty.")},
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is too large: a CSV of criteria is under 100 KB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text: in Excel, save it as “CSV UTF-8”.")) from None
        return read_criteria(text)


def read_criteria(text):
    """The rows of a CSV of criteria: [{"name", "marks", "kind"}]; a ValidationError listing what is wrong.

    Each line is held to the same rules as a row of the checker's form (CriterionForm's fields), so
    what a file gives can always be shown and checked."""
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:  # e.g. a cell over the csv module's size limit
        raise ValidationError(_("The file cannot be read as CSV: in Excel, save it as “CSV UTF-8”.")) from None
    if not lines:
        raise ValidationError(_("The file is empty."))
    header = [cell.strip().lower() for cell in lines[0]]
    if header != CSV_COLUMNS:
        found = Truncator(",".join(lines[0])).chars(60)
        raise ValidationError(
            _("The first line must name the columns criterion,marks,type; this file has %(found)s."),
            params={"found": found or "—"},
        )
    rows, errors = [], []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != 3:
            errors.append(_("Line %(line)d: give three values (criterion, marks, type).") % {"line": number})
            continue
        name, marks, kind = (cell.strip() for cell in cells)
        error = _name_error(name, number) or _marks_error(marks, number)
        if not error and kind.lower() not in KIND_WORDS:
            error = _("Line %(line)d: type must be experience, innovation or other.") % {"line": number}
        if error:
            errors.append(error)
            continue
        marks = CriterionForm.base_fields["marks"].clean(marks)
        rows.append({"name": name, "marks": marks, "kind": KIND_WORDS[kind.lower()]})
    if len(rows) > MAX_ROWS:
        errors.append(_("Enter at most %(num)d rows.") % {"num": MAX_ROWS})
    if errors:
        raise ValidationError(errors[:10])
    if not rows:
        raise ValidationError(_("The file has no criteria below its first line."))
    return rows


def _name_error(name, line):
    """What is wrong with the criterion's name on CSV line `line`, or None."""
    field = CriterionForm.base_fields["name"]
    if not name:
        return _("Line %(line)d: enter the criterion's name.") % {"line": line}
    try:
        field.clean(name)
    except ValidationError:
        if len(name) > field.max_length:
            return _("Line %(line)d: the criterion's name is too long (at most %(max)d characters).") % {
                "line": line,
                "max": field.max_length,
            }
        return _("Line %(line)d: the criterion's name has characters that cannot be used.") % {"line": line}
    return None


def _marks_error(marks, line):
    """What is wrong with the marks on CSV line `line`, by the rules of the form's marks field, or None."""
    field = CriterionForm.base_fields["marks"]
    try:
        field.clean(marks)
    except ValidationError:
        return _(
            "Line %(line)d: marks must be a number from %(min)s to %(max)s, with at most %(places)d decimal places."
        ) % {
            "line": line,
            "min": rules.tidy(field.min_value),
            "max": rules.tidy(field.max_value),
            "places": field.decimal_places,
        }
    return None


class ScoringForm(WeightsForm):
    passing_mark = number_field(
        _("Passing technical mark"), _("Tenders below it are not ranked."), min_value=0, initial=Decimal(0)
    )


class TenderForm(forms.Form):
    name = forms.CharField(label=_("Tender"), max_length=200, required=False)
    technical = number_field(_("Technical mark (out of 100)"), min_value=0)
    price = number_field(_("Price (HK$)"), max_value=Decimal(10) ** 9)

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", _("Enter the tender's name."))
        price = data.get("price")
        if price is not None and price <= 0:
            self.add_error("price", _("The price must be more than 0."))
        return data


class TendersFormSet(BaseRowsFormSet):
    def clean(self):
        if not any(self.errors) and not self._non_form_errors and not self.rows():
            raise ValidationError(_("Enter at least one tender."), code="empty")


def tenders_formset(data=None, initial=None, extra=5):
    cls = forms.formset_factory(
        TenderForm, formset=TendersFormSet, extra=extra, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
    )
    return cls(data, initial=initial, prefix="t")
