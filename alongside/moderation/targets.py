"""What can be reported: six kinds of target, each with its model, author and community."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from alongside.core import moderation as registry

KINDS = {
    "update": "conversations.update",
    "comment": "conversations.comment",
    "question": "questions.question",
    "answer": "questions.answer",
    "message": "inbox.message",
    "profile": "accounts.user",
}
_KIND_BY_LABEL = {label: kind for kind, label in KINDS.items()}


def model_for(label_lower: str):
    try:
        return apps.get_model(label_lower)
    except (LookupError, ValueError):
        return None


def kind_of(obj) -> str | None:
    return _KIND_BY_LABEL.get(obj._meta.label_lower)


def ref_of(obj) -> str:
    """How a target is named in a URL: profiles by public id, content by primary key."""
    return str(obj.public_id) if kind_of(obj) == "profile" else str(obj.pk)


def content_type_of(obj: Model) -> ContentType:
    """The content type of an item or member, as reports and the log record it."""
    return ContentType.objects.get_for_model(obj)


def author_of(obj):
    """The member responsible for an item (the member themself for a profile)."""
    if kind_of(obj) == "profile":
        return obj
    return getattr(obj, "author", None) or getattr(obj, "sender", None)


def label_of(obj) -> str:
    registered = registry.for_model(obj._meta.label_lower)
    if registered is not None:
        return str(registered.label)
    return kind_of(obj) or obj._meta.verbose_name


def excerpt_of(obj) -> str:
    registered = registry.for_model(obj._meta.label_lower)
    if registered is not None:
        return registered.excerpt(obj)
    if kind_of(obj) == "profile":
        return getattr(getattr(obj, "profile", None), "about", "")[:140]
    return (getattr(obj, "body", "") or "")[:140]


def url_of(obj) -> str:
    registered = registry.for_model(obj._meta.label_lower)
    if registered is not None:
        return registered.url(obj)
    if kind_of(obj) == "profile":
        from django.urls import reverse

        return reverse("profile", args=[obj.public_id])
    getter = getattr(obj, "get_absolute_url", None)
    return getter() if getter else ""


def text_of(obj) -> str:
    """The words crisis screening reads."""
    if kind_of(obj) == "profile":
        return getattr(getattr(obj, "profile", None), "about", "") or ""
    return " ".join(filter(None, [getattr(obj, "title", ""), getattr(obj, "body", "")]))


def belongs_to(obj, community) -> bool:
    """Whether an item (or a member, for a profile) is part of this community."""
    if kind_of(obj) == "profile":
        return obj.memberships.filter(community=community).exists()
    if hasattr(obj, "community_id"):
        return obj.community_id == community.pk
    conversation = getattr(obj, "conversation", None)
    return conversation is not None and conversation.community_id == community.pk
