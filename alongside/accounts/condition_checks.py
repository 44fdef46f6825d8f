"""Warnings shown before a member saves new conditions, contributed by higher apps.

Accounts cannot import the apps above it, so an app that knows why a condition matters (the
treatments app: a treatment the member takes may clash with it) registers a check here. The
settings page, onboarding and the API run every check before saving, and save only once the
member has seen the warnings and confirmed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from alongside.accounts.selectors import member_condition_slugs


@dataclass(frozen=True)
class _Check:
    find: Callable  # (*, user, community, added: list[str]) -> list of warnings
    template: str  # renders `warnings` for the web page


@dataclass(frozen=True)
class ConditionWarnings:
    template: str
    warnings: list


_checks: list[_Check] = []


def register(*, find: Callable, template: str) -> None:
    """Called from an app's ready(); registering the same check twice has no effect."""
    check = _Check(find, template)
    if check not in _checks:
        _checks.append(check)


def condition_warnings_for(*, user, community, slugs: list[str]) -> list[ConditionWarnings]:
    """Warnings about the conditions in `slugs` the member does not have yet."""
    added = sorted(set(slugs) - set(member_condition_slugs(user=user)))
    if not added:
        return []
    found = [(c.template, c.find(user=user, community=community, added=added)) for c in _checks]
    return [ConditionWarnings(template, warnings) for template, warnings in found if warnings]
