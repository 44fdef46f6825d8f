import io

import pytest

from alongside.conversations.models import Comment, Reaction, Update, UpdatePicture
from alongside.demo.accounts import demo_accounts_ensure
from alongside.demo.generate import members_generate
from alongside.demo.network import COMMENTS, UPDATES, network_demo
from alongside.inbox.models import Message
from alongside.teams.selectors import are_teammates

pytestmark = pytest.mark.django_db


def test_the_network_demo_loads_twice_without_duplicates(communities):
    ms, ra = communities
    accounts = dict((spec.key, user) for spec, user in demo_accounts_ensure([ms, ra]))
    members_generate(community=ms, count=8)
    members_generate(community=ra, count=4)
    for _ in range(2):
        network_demo(communities=[ms, ra], stdout=io.StringIO())
    assert Update.objects.filter(community=ms).count() == len(UPDATES)
    assert Comment.objects.count() == len(COMMENTS)
    assert UpdatePicture.objects.count() == 3
    assert Reaction.objects.filter(kind="hug").count() == 6
    assert Message.objects.count() == 4
    assert are_teammates(a=accounts["member"], b=accounts["carer"], community=ms)
    assert not Update.objects.exclude(visibility="published").exists()
    assert Update.objects.filter(community=ra).count() == 2
