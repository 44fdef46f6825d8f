from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.journal import instruments
from alongside.journal.models import Answer, Relapse, VisitSummary
from alongside.journal.symptoms import MAX_OWN_SYMPTOMS, SCALE, SYMPTOMS, tracked

_SCALE_CHOICES = [(str(value), f"{value} {label}") for value, label in SCALE]
_WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class CheckInForm(forms.Form):
    """One radio group per tracked symptom (0-4 with words) and a note; nothing is required,
    so a half-filled form autosaves what it has."""

    note = forms.CharField(
        label=_("Anything else about today? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, journal, **kwargs):
        super().__init__(*args, **kwargs)
        self.symptom_keys = []
        fields = {}
        for key, name in tracked(journal):
            field_name = f"s_{key}"
            fields[field_name] = forms.TypedChoiceField(
                label=name,
                choices=_SCALE_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
            )
            self.symptom_keys.append((key, field_name))
        self.fields = {**fields, "note": self.fields["note"]}

    def symptom_rows(self) -> list[dict]:
        """Each symptom's radios as plain data: the template writes the inputs itself, which
        costs a fraction of rendering 5 widget templates per symptom."""
        rows = []
        for _key, name in self.symptom_keys:
            bound = self[name]
            chosen = str(bound.value()) if bound.value() not in (None, "") else None
            rows.append(
                {
                    "name": name,
                    "label": bound.label,
                    "id": bound.auto_id,
                    "errors": bound.errors,
                    "options": [(value, label, value == chosen) for value, label in _SCALE_CHOICES],
                }
            )
        return rows

    def scores(self) -> dict:
        return {key: self.cleaned_data.get(name) for key, name in self.symptom_keys}


def checkin_initial(checkin) -> dict:
    if checkin is None:
        return {}
    initial = {f"s_{key}": str(value) for key, value in checkin.scores.items()}
    return {**initial, "note": checkin.note}


class SymptomsForm(forms.Form):
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms to track"),
        choices=list(SYMPTOMS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(MAX_OWN_SYMPTOMS):
            self.fields[f"own_{n}"] = forms.CharField(
                label=_("Your own symptom %(n)s") % {"n": n + 1}, required=False, max_length=60
            )

    def own(self) -> list[str]:
        return [self.cleaned_data.get(f"own_{n}", "") for n in range(MAX_OWN_SYMPTOMS)]


def symptoms_initial(journal) -> dict:
    own = list(journal.own_symptoms.values())
    initial = {"symptoms": [key for key in journal.symptoms if key in SYMPTOMS]}
    initial.update({f"own_{n}": name for n, name in enumerate(own)})
    return initial


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RelapseForm(forms.ModelForm):
    class Meta:
        model = Relapse
        fields = [
            "started_on",
            "what_changed",
            "over_24_hours",
            "fever",
            "infection",
            "heat",
            "team_told",
            "steroids",
            "recovery",
        ]
        widgets = {
            "started_on": DateInput(),
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            **{
                name: forms.RadioSelect
                for name in (
                    "over_24_hours",
                    "fever",
                    "infection",
                    "heat",
                    "team_told",
                    "steroids",
                    "recovery",
                )
            },
        }
        help_texts = {
            "what_changed": _("In your own words, e.g. 'blurred vision in my left eye'."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["over_24_hours"].choices = Answer.choices
        for name in ("over_24_hours", "fever", "infection", "heat", "team_told", "steroids"):
            self.fields[name].choices = Answer.choices


class SummaryForm(forms.ModelForm):
    class Meta:
        model = VisitSummary
        fields = ["period_start", "period_end", "concern"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "concern": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"period_start": _("Since (e.g. your last appointment)"), "period_end": _("Until")}
        help_texts = {
            "concern": _("The one thing you most want to talk about at this appointment."),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if start and end and end - start > timedelta(days=3 * 366):
            raise forms.ValidationError(_("Choose a period of at most three years."))
        return data


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question for your neurologist or MS nurse"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source_title = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    source_url = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    label = forms.CharField(
        label=_("Who is it for? (only you see this)"),
        required=False,
        max_length=80,
        help_text=_("e.g. 'Dr Shah, neurology clinic'. Each opening is listed with this name."),
    )
    days = forms.TypedChoiceField(
        label=_("The link works for"),
        choices=[("1", _("1 day")), ("7", _("7 days")), ("14", _("14 days")), ("30", _("30 days"))],
        coerce=int,
        initial="14",
    )


class CarerForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"))
    can_view = forms.BooleanField(label=_("See my journal"), required=False, initial=True)
    can_add = forms.BooleanField(label=_("Add check-ins and relapses for me"), required=False)
    can_summarise = forms.BooleanField(label=_("Prepare a visit summary"), required=False)


class CarerPermissionsForm(forms.Form):
    can_view = forms.BooleanField(label=_("See my journal"), required=False)
    can_add = forms.BooleanField(label=_("Add check-ins and relapses for me"), required=False)
    can_summarise = forms.BooleanField(label=_("Prepare a visit summary"), required=False)


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = instruments.instrument(code)
        choices = [(str(value), label) for value, label in self.spec.options]
        for n, (key, text) in enumerate(self.spec.items, start=1):
            self.fields[key] = forms.TypedChoiceField(
                label=f"{n}. {text}",
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    def answers(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _text in self.spec.items}


class SettingsForm(forms.Form):
    count_in_figures = forms.BooleanField(
        label=_("Count my journal in community figures"),
        required=False,
        help_text=_(
            "Off unless you turn it on. Adds your symptom scores, never your name or notes, "
            "to figures shown only when at least 10 members stand behind them."
        ),
    )
    questionnaires = forms.MultipleChoiceField(
        label=_("Questionnaires to be offered"),
        required=False,
        choices=[
            (spec.code, f"{spec.name}: {spec.title}") for spec in instruments.all_instruments()
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    questionnaire_every_days = forms.TypedChoiceField(
        label=_("How often"),
        choices=[
            ("30", _("Every month")),
            ("90", _("Every 3 months")),
            ("180", _("Every 6 months")),
        ],
        coerce=int,
    )
    reminder_days = forms.TypedMultipleChoiceField(
        label=_("Remind me by email on"),
        required=False,
        choices=_WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    reminder_time = forms.TimeField(
        label=_("At (your time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_from = forms.TimeField(
        label=_("Quiet hours from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_until = forms.TimeField(
        label=_("Quiet hours until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    time_zone = forms.ChoiceField(label=_("Your time zone"), required=False)

    def __init__(self, *args, **kwargs):
        from zoneinfo import available_timezones

        super().__init__(*args, **kwargs)
        zones = sorted(available_timezones())
        self.fields["time_zone"].choices = [("", _("Not set (UTC)")), *((z, z) for z in zones)]

    def clean(self):
        data = super().clean()
        if data.get("reminder_days") and not data.get("reminder_time"):
            self.add_error("reminder_time", _("Choose a time for your reminders."))
        return data
