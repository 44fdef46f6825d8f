"""Signed links sent by email (confirmations): one way to read them back."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def signed_link_load(*, token: str, salt: str, max_age: int, expired_message: str):
    """The value a link carries; ValidationError (code expired or bad) when stale or altered."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(expired_message, code="expired") from error
    except signing.BadSignature as error:
        raise ValidationError(_("This confirmation link is not valid."), code="bad") from error
