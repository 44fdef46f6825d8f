from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Audience
from alongside.treatments.models import EffectSeverity, Rating, Schedule, StopReason

UNITS = ("mg", "mcg", "g", "mL", "units", "tablets")
STEPS = 4
ENTRY_AUDIENCES = [(a.value, a.label) for a in (Audience.ONLY_ME, Audience.TEAM, Audience.MEMBERS)]
_NONE = [("", _("Did not have it"))]
_date = forms.DateInput(attrs={"type": "date"})


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Treatment name"),
        max_length=80,
        help_text=_("A generic or brand name, e.g. LDN, Ocrevus or baclofen."),
    )


class EntryForm(forms.Form):
    """One period on a treatment and what it was like. Side effect fields are added per
    treatment (its label side effects), one severity choice each."""

    dose = forms.DecimalField(label=_("Dose"), required=False, min_value=0, max_digits=9)
    unit = forms.ChoiceField(
        label=_("Unit"), required=False, choices=[("", "-")] + [(u, u) for u in UNITS]
    )
    schedule = forms.ChoiceField(
        label=_("How often"), required=False, choices=[("", "-"), *Schedule.choices]
    )
    started_on = forms.DateField(label=_("Started on"), required=False, widget=_date)
    stopped_on = forms.DateField(
        label=_("Stopped on"),
        required=False,
        widget=_date,
        help_text=_("Leave empty if you still take it."),
    )
    stop_reason = forms.ChoiceField(
        label=_("Why you stopped"), required=False, choices=[("", "-"), *StopReason.choices]
    )
    effectiveness = forms.TypedChoiceField(
        label=_("How well does it work for you? (1 not at all, 5 very well)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=Rating.choices,
        widget=forms.RadioSelect,
    )
    burden = forms.TypedChoiceField(
        label=_("How hard is it to take? (1 very easy, 5 very hard)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=Rating.choices,
        widget=forms.RadioSelect,
    )
    other_side_effect = forms.CharField(
        label=_("Another side effect (optional)"), required=False, max_length=120
    )
    other_severity = forms.ChoiceField(
        label=_("How bad was it?"), required=False, choices=_NONE + list(EffectSeverity.choices)
    )
    audience = forms.ChoiceField(
        label=_("Who can see this entry"),
        choices=ENTRY_AUDIENCES,
        initial=Audience.ONLY_ME,
        widget=forms.RadioSelect,
        help_text=_(
            "Starts as only you, like all your health records; widen it if you like. Never "
            "public. Figures only ever count you if you agreed, and never by name."
        ),
    )

    def __init__(self, *args, side_effect_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.side_effect_names = list(side_effect_names)
        for n, name in enumerate(self.side_effect_names):
            self.fields[f"effect_{n}"] = forms.ChoiceField(
                label=name, required=False, choices=_NONE + list(EffectSeverity.choices)
            )
        for n in range(1, STEPS + 1):
            self.fields[f"step_{n}_dose"] = forms.DecimalField(
                label=_("Step %(n)s dose") % {"n": n}, required=False, min_value=0, max_digits=9
            )
            self.fields[f"step_{n}_from"] = forms.DateField(
                label=_("Step %(n)s from") % {"n": n}, required=False, widget=_date
            )

    def effect_fields(self):
        return [self[f"effect_{n}"] for n in range(len(self.side_effect_names))]

    def step_fields(self):
        return [(self[f"step_{n}_dose"], self[f"step_{n}_from"]) for n in range(1, STEPS + 1)]

    def clean(self):
        data = super().clean()
        started, stopped = data.get("started_on"), data.get("stopped_on")
        today = timezone.localdate()
        if started and started > today:
            self.add_error(
                "started_on",
                _("The start date is in the future: add a treatment once you start it."),
            )
        if stopped and stopped > today:
            self.add_error(
                "stopped_on", _("The stop date is in the future: leave it empty for now.")
            )
        if started and stopped and stopped < started:
            self.add_error(
                "stopped_on", _("The stop date is before the start date: check both dates.")
            )
        if data.get("stop_reason") and not stopped:
            self.add_error("stopped_on", _("Add the date you stopped, or clear the reason."))
        if data.get("other_side_effect") and not data.get("other_severity"):
            self.add_error("other_severity", _("Say how bad the other side effect was."))
        return data

    def values(self) -> dict:
        """What the service saves, from cleaned data."""
        data = self.cleaned_data
        return {
            **{k: data.get(k) for k in ("dose", "unit", "schedule", "started_on", "stopped_on")},
            "stop_reason": data.get("stop_reason", ""),
            "audience": data.get("audience") or Audience.ONLY_ME,
            "effectiveness": data.get("effectiveness"),
            "burden": data.get("burden"),
            "titration": self._titration(),
            "side_effects": self._side_effects(),
        }

    def _titration(self) -> list[dict]:
        data, unit = self.cleaned_data, self.cleaned_data.get("unit", "")
        steps = [
            {"dose": data[f"step_{n}_dose"], "unit": unit, "from": data.get(f"step_{n}_from")}
            for n in range(1, STEPS + 1)
            if data.get(f"step_{n}_dose") is not None
        ]
        return steps

    def _side_effects(self) -> dict[str, str]:
        data = self.cleaned_data
        chosen = {
            name: data[f"effect_{n}"]
            for n, name in enumerate(self.side_effect_names)
            if data.get(f"effect_{n}")
        }
        if data.get("other_side_effect") and data.get("other_severity"):
            chosen[data["other_side_effect"].strip()] = data["other_severity"]
        return chosen


def initial_for(entry, side_effect_names) -> dict:
    """The form's initial values from a saved entry."""
    initial = {
        "dose": f"{entry.dose.normalize():f}" if entry.dose is not None else None,
        "unit": entry.unit,
        "schedule": entry.schedule,
        "started_on": entry.started_on,
        "stopped_on": entry.stopped_on,
        "stop_reason": entry.stop_reason,
        "audience": entry.audience,
    }
    for n, step in enumerate(entry.titration[:STEPS], start=1):
        initial[f"step_{n}_dose"] = step.get("dose")
        initial[f"step_{n}_from"] = step.get("from")
    report = getattr(entry, "report", None)
    if report is not None:
        initial.update(effectiveness=report.effectiveness, burden=report.burden)
        _initial_effects(initial, report, list(side_effect_names))
    return initial


def _initial_effects(initial: dict, report, names: list[str]) -> None:
    for effect in report.side_effects.all():
        if effect.name in names:
            initial[f"effect_{names.index(effect.name)}"] = effect.severity
        else:
            initial.update(other_side_effect=effect.name, other_severity=effect.severity)


class CheckerForm(forms.Form):
    treatments = forms.MultipleChoiceField(
        label=_("Treatments"), required=False, widget=forms.CheckboxSelectMultiple
    )
    conditions = forms.MultipleChoiceField(
        label=_("Conditions"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, treatment_choices=(), condition_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatments"].choices = treatment_choices
        self.fields["conditions"].choices = condition_choices
