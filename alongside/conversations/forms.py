from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alongside.conversations.models import UpdateAudience
from alongside.conversations.services import MAX_PICTURES, picture_prepare

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif"
SLOTS = range(1, MAX_PICTURES + 1)


def _audience_field():
    return forms.ChoiceField(
        label=_("Who can see it"),
        choices=UpdateAudience.choices,
        initial=UpdateAudience.MEMBERS,
        widget=forms.RadioSelect,
    )


def _quote_consent_field():
    return forms.BooleanField(
        label=_("Editors may quote this anonymously in the library"),
        required=False,
        help_text=_(
            "Shown as from a member, never with your name or picture. You can change this later."
        ),
    )


class UpdateForm(forms.Form):
    """Text, up to four pictures with descriptions, and the audience.

    Mirrors the service's rule (text or a picture) so the member sees it beside their words.
    """

    body = forms.CharField(
        label=_("Your update"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    audience = _audience_field()
    quote_consent = _quote_consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs.update(
            {
                "hx-post": reverse("conversations:draft_save"),
                "hx-trigger": "input changed delay:1500ms",
                "hx-target": "#draft-status",
                "hx-swap": "innerHTML",
            }
        )
        for slot in SLOTS:
            self.fields[f"picture_{slot}"] = forms.FileField(
                label=_("Picture %(n)s") % {"n": slot},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                help_text=_("JPEG, PNG, WebP or HEIC, up to 20 MB. Location data is removed."),
            )
            self.fields[f"alt_{slot}"] = forms.CharField(
                label=_("Describe picture %(n)s for people who cannot see it") % {"n": slot},
                required=False,
                max_length=300,
            )

    def picture_slots(self):
        return [(self[f"picture_{slot}"], self[f"alt_{slot}"]) for slot in SLOTS]

    def clean(self):
        cleaned = super().clean()
        pictures = []
        for slot in SLOTS:
            upload = cleaned.get(f"picture_{slot}")
            if upload:
                try:
                    pictures.append(
                        picture_prepare(upload=upload, alt_text=cleaned.get(f"alt_{slot}", ""))
                    )
                except ValidationError as error:
                    self.add_error(f"picture_{slot}", error)
        cleaned["pictures"] = pictures
        has_error = any(self.has_error(f"picture_{slot}") for slot in SLOTS)
        if not has_error and not cleaned.get("body", "").strip() and not pictures:
            raise ValidationError(
                _("Write something or add a picture: an update needs at least one of them."),
                code="empty",
            )
        return cleaned


class UpdateEditForm(forms.Form):
    body = forms.CharField(
        label=_("Your update"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    audience = _audience_field()
    quote_consent = _quote_consent_field()
    remove = forms.MultipleChoiceField(
        label=_("Remove pictures"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, update, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "body": update.body,
                "audience": update.audience,
                "quote_consent": update.quote_consent_at is not None,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["remove"].choices = [
            (str(picture.pk), picture.alt_text or _("Picture %(n)s") % {"n": index})
            for index, picture in enumerate(update.pictures.all(), start=1)
        ]
        if not self.fields["remove"].choices:
            del self.fields["remove"]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    quote_consent = _quote_consent_field()
