"""Teams, updates (some with pictures' records), comments and hugs/likes, written with COPY.

Counters (hug_count, like_count, comment_count) are decided before the update row is written,
then exactly that many rows are written, so they match what the services would keep.
"""

import uuid
from datetime import timedelta

from django.db import transaction

from alongside.core.models import Visibility
from alongside.demo.scale.copy import Copier, ids_reserve
from alongside.demo.scale.skew import distinct_picks, heavy_count, zipf_index
from alongside.demo.scale.text import reply_text, update_text

CHUNK = 5000  # members per transaction
# Teams are small circles a member accepts one by one: skewed sizes, but none in the thousands.
TEAM_MAX = 60
_VISIBILITY = ((Visibility.PUBLISHED, 97), (Visibility.PENDING, 2), (Visibility.HIDDEN, 1))


def teams_make(cast, progress) -> dict:
    from alongside.teams.models import TeamLink

    links = TeamLink.objects.filter(user_low__email__endswith=cast.synthetic())
    if cast.done_before(links, per_member=1):
        return {}
    rng, pairs, sizes = cast.rng("teams"), set(), {}
    for done, user_id in enumerate(cast.ids, start=1):
        for other in rng.sample(cast.ids, min(heavy_count(rng, 1.5, 40), len(cast.ids))):
            if other != user_id and max(sizes.get(user_id, 0), sizes.get(other, 0)) < TEAM_MAX:
                pair = (min(user_id, other), max(user_id, other))
                if pair not in pairs:
                    pairs.add(pair)
                    sizes[user_id] = sizes.get(user_id, 0) + 1
                    sizes[other] = sizes.get(other, 0) + 1
        if done % CHUNK == 0 or done == len(cast.ids):
            progress(done, len(cast.ids))
    copier = Copier(TeamLink, ["community_id", "user_low_id", "user_high_id", "created_at"])
    rows = ((cast.community.pk, low, high, cast.now) for low, high in sorted(pairs))
    with transaction.atomic():
        return {"team links": copier.write(rows)}


def updates_make(cast, progress) -> dict:
    from alongside.conversations.models import Update

    if cast.done_before(
        Update.objects.filter(author__email__endswith=cast.synthetic()), per_member=4
    ):
        return {}
    rng, totals = cast.rng("updates"), {}
    for start in range(0, len(cast.ids), CHUNK):
        chunk = _chunk_plan(cast, rng, cast.ids[start : start + CHUNK])
        with transaction.atomic():
            for name, count in _chunk_write(cast, rng, chunk).items():
                totals[name] = totals.get(name, 0) + count
        progress(min(start + CHUNK, len(cast.ids)), len(cast.ids))
    return totals


def _chunk_plan(cast, rng, authors: list[int]) -> list[dict]:
    """The updates of some members, each with how many hugs, likes and comments it gets."""
    plans, most = [], len(cast.ids) - 1  # a member hugs a post at most once
    for author in authors:
        for _ in range(min(300, int(rng.paretovariate(1.35) * 1.7))):
            published = _weighted(rng, _VISIBILITY) == Visibility.PUBLISHED
            plans.append(
                {
                    "author": author,
                    "at": cast.moment_after(rng, cast.joined[author]),
                    "visibility": Visibility.PUBLISHED if published else Visibility.PENDING,
                    "hugs": heavy_count(rng, 1.45, min(4000, most)) if published else 0,
                    "likes": heavy_count(rng, 1.9, min(800, most)) if published else 0,
                    "comments": heavy_count(rng, 1.7, 400) if published else 0,
                    "pictures": rng.choice((1, 1, 2, 3)) if rng.random() < 0.08 else 0,
                }
            )
    return plans


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _chunk_write(cast, rng, plans: list[dict]) -> dict:
    from alongside.conversations.models import Comment, Reaction, Update, UpdatePicture

    first = ids_reserve(Update, len(plans))
    for offset, plan in enumerate(plans):
        plan["id"] = first + offset
    community = cast.community.pk
    fields = ["id", "community_id", "author_id", "body", "audience", "visibility"]
    fields += ["hug_count", "like_count", "comment_count", "created_at", "updated_at"]
    updates = (
        (
            p["id"],
            community,
            p["author"],
            update_text(rng),
            _audience(rng),
            p["visibility"],
            p["hugs"],
            p["likes"],
            p["comments"],
            p["at"],
            p["at"],
        )
        for p in plans
    )
    return {
        "updates": Copier(Update, fields).write(updates),
        "update pictures": _pictures(UpdatePicture, rng, plans),
        "comments": _comments(Comment, cast, rng, plans),
        "hugs and likes": _reactions(Reaction, cast, rng, plans),
    }


def _audience(rng) -> str:
    return "team" if rng.random() < 0.15 else "members"


def _pictures(model, rng, plans) -> int:
    fields = ["update_id", "image", "feed_image", "width", "height", "feed_width"]
    fields += ["feed_height", "alt_text", "position"]
    rows = (
        (
            p["id"],
            _picture_name(rng),
            _picture_name(rng),
            2000,
            1500,
            1000,
            750,
            "A photo shared by a member",
            position,
        )
        for p in plans
        for position in range(p["pictures"])
    )
    return Copier(model, fields).write(rows)


def _picture_name(rng) -> str:
    return f"updates/{uuid.UUID(int=rng.getrandbits(128)).hex}.jpg"


def _comments(model, cast, rng, plans) -> int:
    fields = ["community_id", "author_id", "update_id", "body", "visibility"]
    fields += ["created_at", "updated_at"]
    community, members = cast.community.pk, cast.busiest
    rows = (
        (
            community,
            members[zipf_index(rng, len(members))],
            p["id"],
            reply_text(rng),
            Visibility.PUBLISHED,
            *([p["at"] + timedelta(minutes=rng.randint(1, 4000))] * 2),
        )
        for p in plans
        for _ in range(p["comments"])
    )
    return Copier(model, fields).write(rows)


def _reactions(model, cast, rng, plans) -> int:
    fields = ["community_id", "user_id", "kind", "update_id", "created_at"]
    community, members = cast.community.pk, cast.busiest
    rows = (
        (community, user, kind, p["id"], p["at"] + timedelta(minutes=rng.randint(1, 4000)))
        for p in plans
        for kind, count in (("hug", p["hugs"]), ("like", p["likes"]))
        for user in distinct_picks(rng, members, count)
    )
    return Copier(model, fields).write(rows)
