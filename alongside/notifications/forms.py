from django import forms

from alongside.notifications.models import ALWAYS_INSTANT, Frequency, Kind


class PreferencesForm(forms.Form):
    """One choice of email frequency per kind of notification."""

    def __init__(self, *args, initial_frequencies: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            if kind in ALWAYS_INSTANT:
                continue
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Frequency.choices,
                initial=initial_frequencies[kind],
                widget=forms.RadioSelect,
            )
