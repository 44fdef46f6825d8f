"""`python -m faults.seed N PASSWORD`: the communities and N trusted members, as JSON.

Run by the fault suite against its own PostgreSQL (production settings from the environment).
Trusted members' posts publish at once, so each write can be found afterwards.
"""

import json
import os
import sys

import django


def seed(count: int, password: str) -> dict:
    from alongside.communities.models import Membership
    from alongside.conversations.services import update_create
    from alongside.demo.communities import communities_ensure
    from alongside.notifications.models import Frequency, Kind
    from alongside.notifications.services import preference_set
    from alongside.testing.factories import member

    community = communities_ensure()[0]
    users = [member(community) for _ in range(count)]
    users[0].set_password(password)
    # One slow password hash, shared: each member still logs in through the form.
    type(users[0]).objects.filter(pk__in=[user.pk for user in users]).update(
        password=users[0].password
    )
    Membership.objects.filter(community=community, user__in=users).update(trust_level=2)
    # Everyone comments on this update: each comment also queues a notification task.
    author = type(users[0]).objects.get(pk=users[0].pk)  # trusted as of now, not memoised
    update = update_create(author=author, community=community, body="A shared update.")
    # The author hears of each comment at once: emails flow while the mail server fails.
    preference_set(user=author, kind=Kind.COMMENT, frequency=Frequency.INSTANT)
    return {"emails": [user.email for user in users], "update": update.pk}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(json.dumps(seed(int(sys.argv[1]), sys.argv[2])))
