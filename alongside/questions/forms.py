from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from alongside.core.models import Topic


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("One clear question, such as 'Does heat make your fatigue worse?'"),
        widget=forms.TextInput(
            attrs={
                "hx-get": reverse_lazy("questions:similar"),
                # Typing, pasting and autofill all fire `input`; leaving the field does not,
                # so the suggestions never arrive (and move the button) while the member
                # presses "Post question".
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar",
                "autocomplete": "off",
            }
        ),
    )
    body = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only members can read the details. Your question's title is public, without your name."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics (optional)"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your answer first.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a comment first.")},
    )
