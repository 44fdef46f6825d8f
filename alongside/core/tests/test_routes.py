import uuid

import pytest
from django.urls import NoReverseMatch, reverse

from alongside.core.routes import route


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("conversations:update", (7,)),
        ("conversations:update", (123456789,)),
        ("conversations:react", (42, "hug")),
        ("conversations:picture", (5, 9, "feed")),
        ("profile", (uuid.UUID("8ec603f6-d3f7-4e6b-b9b7-419be080cae7"),)),
        ("moderation:report", ("update", "17")),
        ("questions:helpful", (3,)),
    ],
)
def test_a_route_is_the_url_reverse_gives(name, args):
    assert route(name, *args) == reverse(name, args=args)
    assert route(name, *args) == route(name, *args)  # the second call comes from the shape


def test_what_a_converter_would_refuse_still_raises():
    with pytest.raises(NoReverseMatch):
        route("conversations:update", "not-a-number")
    with pytest.raises(NoReverseMatch):
        route("conversations:react", -1, "hug")
