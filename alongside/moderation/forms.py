from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.communities.models import DESK_ROLES
from alongside.moderation.models import Action, Reason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Anything else the moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActionForm(forms.Form):
    """A moderator decision, posted from the queue."""

    label = forms.CharField(max_length=100, widget=forms.HiddenInput)
    pk = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=Action.choices)
    note = forms.CharField(
        label=_("Note (the member reads it)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    days = forms.IntegerField(label=_("Days"), required=False, min_value=1, max_value=365)

    def clean(self):
        data = super().clean()
        if data.get("action") in _NEEDS_NOTE and not data.get("note"):
            self.add_error("note", _("Write a short note so the member knows why."))
        return data


# The member reads the note: a rejection, warning or suspension says why; reaching out says
# something; blocking a guest and closing a report record the reason in the log.
_NEEDS_NOTE = {
    Action.REJECT,
    Action.WARN,
    Action.SUSPEND,
    Action.REACH_OUT,
    Action.BLOCK_GUEST,
    Action.RESOLVE,
}


class TeamFindForm(forms.Form):
    """Find a member to appoint, on the team page (a GET form)."""

    find = forms.CharField(
        label=_("Name or email address"),
        max_length=254,
        help_text=_("Part of their name as members see it, or their whole email address."),
        error_messages={"required": _("Write part of a name, or a whole email address.")},
    )


class TeamForm(forms.Form):
    """Appoint a member (by public id) or take their role away, posted from the team page."""

    member = forms.UUIDField(widget=forms.HiddenInput)
    staff_role = forms.ChoiceField(
        choices=[(role.value, role.label) for role in DESK_ROLES], required=False
    )
    remove = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("remove") and not data.get("staff_role"):
            self.add_error("staff_role", _("Choose moderator or community admin."))
        return data
