"""The six people every access matrix of the network checks, around one owner's content."""

from dataclasses import dataclass

from alongside.communities.models import StaffRole
from alongside.communities.services import membership_update
from alongside.testing.factories import member

PERSONAS = ("anonymous", "other_community", "outsider", "blocked", "owner", "moderator")


@dataclass
class People:
    owner: object
    outsider: object
    blocked: object
    moderator: object
    other_community: object

    def get(self, persona: str):
        return None if persona == "anonymous" else getattr(self, persona)


def people_around_an_owner(community, other_community) -> People:
    """An owner (trusted), a member outside their team, a member they blocked, a moderator,
    and a member of another community only."""
    from alongside.teams.services import block_create

    owner, outsider, blocked = (member(community) for _ in range(3))
    moderator = member(community, staff_role=StaffRole.MODERATOR)
    membership_update(membership=owner.memberships.get(), trust_level=1)
    block_create(blocker=owner, blocked=blocked, community=community)
    return People(owner, outsider, blocked, moderator, member(other_community))
