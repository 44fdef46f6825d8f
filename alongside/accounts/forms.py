from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.conditions import condition_choices, condition_find
from alongside.accounts.models import Profile
from alongside.communities.models import Membership, Role
from alongside.core.forms import NameField
from alongside.core.models import Audience

_PRIVATE = [(value, label) for value, label in Audience.choices if value != Audience.PUBLIC]


class RoleForm(forms.ModelForm):
    role = forms.ChoiceField(
        label=_("How does the condition touch your life?"),
        choices=[
            (Role.LIVING_WITH, Role.LIVING_WITH.label),
            (Role.LOVED_ONE, Role.LOVED_ONE.label),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Membership
        fields = ["role"]


class DiagnosisForm(forms.ModelForm):
    """The year of diagnosis and, where the community lists them, the type of the condition."""

    condition_type = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    diagnosis_year = forms.IntegerField(
        label=_("Year of diagnosis"),
        required=False,
        min_value=1940,
        help_text=_("Leave it empty if you are not sure or would rather not say."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Membership
        fields = ["condition_type", "diagnosis_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        community = self.instance.community if self.instance.community_id else None
        types = list(community.condition_types.all()) if community else []
        if not types:
            del self.fields["condition_type"]
            return
        field = self.fields["condition_type"]
        field.label = _("Which type of %(condition)s do you have?") % {
            "condition": community.short_name
        }
        field.help_text = _("Only you see it unless you choose otherwise on the privacy step.")
        field.choices = [(t.slug, _type_label(t)) for t in types]

    def clean_diagnosis_year(self):
        year = self.cleaned_data["diagnosis_year"]
        if year and year > timezone.now().year:
            raise forms.ValidationError(_("The year of diagnosis cannot be in the future."))
        return year


def _type_label(condition_type) -> str:
    if not condition_type.help_text:
        return condition_type.name
    return f"{condition_type.name}: {condition_type.help_text}"


class ConditionsForm(forms.Form):
    """Other conditions, grouped by body system; a search box (a native datalist, no
    JavaScript needed) adds one by name."""

    find = forms.CharField(
        label=_("Find a condition"),
        required=False,
        max_length=120,
        help_text=_("Type its name, choose it from the list, then save."),
        widget=forms.TextInput(attrs={"list": "condition-names", "autocomplete": "off"}),
    )
    conditions = forms.MultipleChoiceField(
        label=_("Other conditions you live with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only you can see this unless you choose otherwise on the privacy step."),
    )

    def __init__(self, *args, exclude: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conditions"].choices = condition_choices(exclude=exclude)
        self.names = [
            name for _group, items in self.fields["conditions"].choices for _s, name in items
        ]

    def clean(self):
        data = super().clean()
        typed = data.get("find", "")
        if typed:
            found = condition_find(typed)
            if found is None:
                self.add_error("find", _("No condition by that name in our list. Pick one below."))
            else:
                data["conditions"] = sorted({*data.get("conditions", []), found.slug})
        return data


class NameForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name"]
        field_classes = {"display_name": NameField}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}


class PictureForm(forms.Form):
    avatar = forms.FileField(
        label=_("Profile picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC, up to 20 MB. We remove location and camera data."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.heic"}),
    )


class PrivacyForm(forms.ModelForm):
    display_name_audience = forms.ChoiceField(label=_("Display name"), choices=Audience.choices)
    avatar_audience = forms.ChoiceField(label=_("Profile picture"), choices=Audience.choices)
    about_audience = forms.ChoiceField(label=_("About me"), choices=_PRIVATE)
    region_audience = forms.ChoiceField(label=_("Region"), choices=_PRIVATE)
    conditions_audience = forms.ChoiceField(label=_("Other conditions"), choices=_PRIVATE)

    class Meta:
        model = Profile
        fields = [
            "display_name_audience",
            "avatar_audience",
            "about_audience",
            "region_audience",
            "conditions_audience",
            "count_in_figures",
        ]


class MembershipPrivacyForm(forms.ModelForm):
    role_audience = forms.ChoiceField(label=_("How the condition touches you"), choices=_PRIVATE)
    condition_type_audience = forms.ChoiceField(label=_("Type of the condition"), choices=_PRIVATE)
    diagnosis_year_audience = forms.ChoiceField(label=_("Year of diagnosis"), choices=_PRIVATE)

    class Meta:
        model = Membership
        fields = ["role_audience", "condition_type_audience", "diagnosis_year_audience"]


class AboutForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "about", "region"]
        field_classes = {"display_name": NameField}
        widgets = {"about": forms.Textarea(attrs={"rows": 5})}


class DeleteAccountForm(forms.Form):
    posts = forms.ChoiceField(
        label=_("What should happen to what you posted?"),
        choices=[
            ("keep", _("Keep my posts, shown as an anonymous member")),
            ("remove", _("Remove my posts")),
        ],
        widget=forms.RadioSelect,
        initial="keep",
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile will be erased and cannot be restored.")
    )
