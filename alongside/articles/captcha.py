"""An optional CAPTCHA (Cloudflare Turnstile, hCaptcha or reCAPTCHA), off unless configured.

settings.CAPTCHA_PROVIDER names the provider; CAPTCHA_SITE_KEY and CAPTCHA_SECRET_KEY its keys.
"""

import json
import urllib.parse
import urllib.request

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

PROVIDERS = {
    "turnstile": (
        "https://challenges.cloudflare.com/turnstile/v0/api.js",
        "https://challenges.cloudflare.com/turnstile/v0/siteverify",
        "cf-turnstile",
        "cf-turnstile-response",
    ),
    "hcaptcha": (
        "https://js.hcaptcha.com/1/api.js",
        "https://api.hcaptcha.com/siteverify",
        "h-captcha",
        "h-captcha-response",
    ),
    "recaptcha": (
        "https://www.google.com/recaptcha/api.js",
        "https://www.google.com/recaptcha/api/siteverify",
        "g-recaptcha",
        "g-recaptcha-response",
    ),
}


def _provider():
    return PROVIDERS[settings.CAPTCHA_PROVIDER]


class CaptchaWidget(forms.Widget):
    def render(self, name, value, attrs=None, renderer=None):
        script, _verify, css_class, _field = _provider()
        return format_html(
            '<div class="{}" data-sitekey="{}"></div><script src="{}" async defer></script>',
            css_class,
            settings.CAPTCHA_SITE_KEY,
            script,
        )

    def value_from_datadict(self, data, files, name):
        return data.get(_provider()[3], "")


class CaptchaField(forms.CharField):
    widget = CaptchaWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Check that you are a person"))
        kwargs.setdefault("error_messages", {"required": _("Please complete the check.")})
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if not _verified(value):
            raise ValidationError(_("The check did not succeed. Please try again."), code="captcha")


def _verified(token: str) -> bool:
    body = urllib.parse.urlencode({"secret": settings.CAPTCHA_SECRET_KEY, "response": token})
    url = _provider()[1]  # a fixed https URL from PROVIDERS
    request = urllib.request.Request(url, data=body.encode(), method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return bool(json.load(response).get("success"))
    except OSError:
        return False
