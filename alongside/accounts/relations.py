"""The two facts about a pair of members that profile audiences need, answered by teams.

accounts sits below teams (teams reads members' conditions and shows their profiles), yet a
field shared with "my team" depends on who is whose teammate, and a member who blocked someone
is not there for them. teams answers both through this one hook, set in TeamsConfig.ready().
Asking before it is set is a programming error, never a quiet "no": a wrong "no" to "has
this member blocked you?" would show a profile to someone it must be hidden from.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Relations:
    are_teammates: Callable[..., bool]  # (*, a, b, community) -> bool
    has_blocked: Callable[..., bool]  # (*, blocker, blocked, community) -> bool


_provided: list[Relations] = []


def relations_provide(relations: Relations) -> None:
    _provided[:] = [relations]


def relations() -> Relations:
    if not _provided:
        raise RuntimeError("alongside.teams must be installed: it tells who is whose teammate")
    return _provided[0]
