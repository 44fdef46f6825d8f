from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alongside.articles.captcha import CaptchaField
from alongside.core.forms import NameField
from alongside.core.images import image_clean


class HoneypotMixin(forms.Form):
    """A field people never see or fill in; bots that fill every field give themselves away."""

    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


def _captcha_fields() -> dict:
    return {"captcha": CaptchaField()} if settings.CAPTCHA_PROVIDER else {}


class CommentForm(HoneypotMixin):
    text = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    picture = forms.FileField(
        label=_("Add a picture (optional)"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC, up to 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, with_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields.update(_captcha_fields())

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        return image_clean(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text", "").strip() and not cleaned.get("picture"):
            raise ValidationError(
                _("Write something or add a picture: a comment needs text or a picture."),
                code="empty",
            )
        return cleaned


class GuestForm(HoneypotMixin):
    name = NameField(label=_("Your name"), max_length=60)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send you a link to confirm it. It is never shown to anyone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_captcha_fields())
