from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.articles.forms import HoneypotMixin
from alongside.core.models import Topic


class SignupForm(HoneypotMixin):
    email = forms.EmailField(
        label=_("Your email address"),
        error_messages={"invalid": _("Enter an email address such as name@example.org.")},
    )


class PreferencesForm(forms.Form):
    weekly_digest = forms.BooleanField(label=_("Send me the weekly digest"), required=False)
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.filter(articles__isnull=False).distinct(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics I care about most"),
    )
