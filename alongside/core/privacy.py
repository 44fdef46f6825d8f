"""What each app holds about a member, for export and erasure.

Apps register a contributor in their AppConfig.ready(); account export and erasure walk them,
so an app that stores member data cannot be forgotten by the account code.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Contributor:
    name: str
    export: Callable  # (user) -> dict with JSON data and an optional "files" list of FieldFiles
    # (*, user, keep_posts: bool) -> None, a service of the app (counters kept right); runs
    # inside a transaction
    erase: Callable


_contributors: dict[str, Contributor] = {}


def register(contributor: Contributor) -> None:
    _contributors[contributor.name] = contributor


def contributors() -> list[Contributor]:
    return list(_contributors.values())
