"""The feed's cards come from a cache shared by viewers who see them alike (templatetags/cards.py):
what a viewer sees must be what a fresh render would show them."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from alongside.conversations.models import Update

pytestmark = pytest.mark.django_db
TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+|nonce="[^"]+"')


def _cards(client) -> str:
    html = client.get("/feed/").content.decode()
    return TOKENS.sub("TOKEN", html[html.index('class="feed"') :])


@pytest.fixture
def world(community, make_member, client_for):
    author = make_member(display_name="Wren")
    reader = make_member(display_name="Ash")
    other = make_member(display_name="Bo")
    update = Update.objects.create(community=community, author=author, body="A slow good day")
    return {"author": author, "reader": reader, "other": other, "update": update}


def test_a_cached_card_is_what_a_fresh_render_shows(world, client_for):
    reader = client_for(world["reader"])
    cold = _cards(reader)
    assert "A slow good day" in cold
    warm = _cards(reader)
    cache.clear()
    assert warm == cold == _cards(reader)


def test_a_hug_shows_at_once_to_the_hugger_and_to_others(world, client_for):
    reader, other = client_for(world["reader"]), client_for(world["other"])
    _cards(reader), _cards(other)  # both cached before the hug
    reader.post(f"/updates/{world['update'].pk}/react/hug/")
    mine, theirs = _cards(reader), _cards(other)
    assert re.search(r'aria-pressed="true">Hug <span class="count">1<', mine)
    assert re.search(r'aria-pressed="false">Hug <span class="count">1<', theirs)


def test_an_edit_and_a_new_name_show_at_once(world, client_for):
    reader = client_for(world["reader"])
    _cards(reader)
    update = world["update"]
    update.body = "A slow good day, then a nap"
    update.save()
    profile = world["author"].profile
    profile.display_name = "Wren R."
    profile.save()
    cards = _cards(reader)
    assert "then a nap" in cards and "Wren R." in cards


def test_a_cached_card_carries_this_visitors_csrf_token(world, client_for):
    _cards(client_for(world["other"]))  # someone else fills the cache
    reader = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    reader.force_login(world["reader"])
    html = reader.get("/feed/").content.decode()
    card = html[html.index(f'id="update-{world["update"].pk}"') :]
    token = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', card).group(1)
    hug = reader.post(f"/updates/{world['update'].pk}/react/hug/", {"csrfmiddlewaretoken": token})
    assert hug.status_code == 302
    assert Update.objects.get(pk=world["update"].pk).hug_count == 1
