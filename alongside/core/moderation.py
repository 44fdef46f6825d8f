"""The contract between content apps and the moderation queue.

A content app registers each model that moderators act on (article comments, updates,
answers, ...). The model has a `visibility` field (core.models.Visibility) and a `community`.
The moderation app lists what is PENDING across every registered model and applies decisions
through the registered callbacks, so each app keeps its own counters and notifications right.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class GuestIdentity:
    """Who wrote a guest's item: what a moderator's block records (core.ratelimits.address_digest
    of the address it came from, never the address itself)."""

    name: str
    email: str
    address_digest: str


@dataclass(frozen=True)
class Moderatable:
    label: str  # e.g. "article comment"
    model: type[Model]
    excerpt: Callable  # (obj) -> str, a short plain-text excerpt for the queue
    url: Callable  # (obj) -> str, where the item is shown in context
    approve: Callable  # (obj, *, moderator) -> None
    reject: Callable  # (obj, *, moderator, note: str) -> None
    # (obj, *, moderator) -> None; when absent the queue sets visibility to HIDDEN itself.
    hide: Callable | None = None
    # (*, viewer, pk, community) -> obj, raising Http404 when the viewer may not see it: what a
    # member may report. Absent for items members do not report from the queue's side.
    get_for: Callable | None = None
    # (obj) -> GuestIdentity | None: the guest who wrote it, for items guests may write.
    guest_of: Callable | None = None


_registry: dict[str, Moderatable] = {}


def register(item: Moderatable) -> None:
    _registry[item.model._meta.label_lower] = item


def registered() -> list[Moderatable]:
    return list(_registry.values())


def for_model(label_lower: str) -> Moderatable | None:
    return _registry.get(label_lower)
