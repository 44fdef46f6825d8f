"""Whether a viewer may see something shared with an audience. Every selector asks here."""

from dataclasses import dataclass

from alongside.core.models import Audience


@dataclass(frozen=True)
class Relation:
    """How a viewer relates to an owner inside one community."""

    is_owner: bool
    is_member: bool
    is_teammate: bool


_ORDER = {Audience.PUBLIC: 0, Audience.MEMBERS: 1, Audience.TEAM: 2, Audience.ONLY_ME: 3}


def can_see(relation: Relation, audience: str) -> bool:
    if relation.is_owner:
        return True
    if audience == Audience.PUBLIC:
        return True
    if audience == Audience.MEMBERS:
        return relation.is_member
    if audience == Audience.TEAM:
        return relation.is_member and relation.is_teammate
    return False


# Anyone signed in to the community, and anyone at all: for "shared with every member" and
# "may be cached publicly".
ANY_MEMBER = Relation(is_owner=False, is_member=True, is_teammate=False)
VISITOR = Relation(is_owner=False, is_member=False, is_teammate=False)


def audiences_seen_by(relation: Relation) -> list[str]:
    """The audiences `can_see` opens to this relation, for a query (`..._audience__in=`)."""
    return [audience for audience in Audience.values if can_see(relation, audience)]


def widest(*audiences: str) -> str:
    """The most open of several audiences."""
    return min(audiences, key=lambda audience: _ORDER[Audience(audience)])
