"""Demo network: team links, updates (some with pictures), comments, hugs and messages.

Idempotent: every item is looked up by its author and text before it is created.
"""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from alongside.accounts.models import User
from alongside.conversations import services
from alongside.conversations.models import Comment, Reaction, ReactionKind, Update, UpdateAudience
from alongside.core.models import Visibility
from alongside.demo.generate import SYNTHETIC_DOMAIN

# (author key, hours ago, audience, picture, text)
UPDATES = (
    (
        "moderator",
        70,
        "members",
        None,
        "Welcome to everyone who joined this week. This is a kind place: share what helps, "
        "ask anything, and remember nobody here will judge a bad day.",
    ),
    (
        "member1",
        52,
        "members",
        None,
        "Fatigue tip that finally worked for me: I split the big jobs into three short ones "
        "and sit down between them. Laundry now takes all morning, and that is fine.",
    ),
    (
        "member",
        30,
        "members",
        "garden",
        "First proper walk round the garden since the relapse. Slow, with the stick, but the "
        "tulips came up while I wasn't looking.",
    ),
    (
        "member2",
        26,
        "members",
        "tea",
        "Morning routine: meds, a big mug of tea, ten minutes of stretching on the floor. "
        "Some days the stretching is just lying on the floor. Still counts.",
    ),
    (
        "carer",
        20,
        "members",
        None,
        "Jo had her infusion today. Long day in the chair but the nurses were lovely. "
        "Any tips for keeping someone comfortable on the drive home afterwards?",
    ),
    (
        "member3",
        12,
        "members",
        None,
        "Has anyone tried a cooling vest for the summer? Heat knocks me flat and I'm "
        "dreading July.",
    ),
    (
        "member",
        6,
        "team",
        None,
        "Just for my team: rough night with pins and needles in both feet. Not worried, "
        "just tired. Thanks for checking in on me this week.",
    ),
    (
        "carer",
        3,
        "team",
        "sunrise",
        "Team only: we watched the sunrise from the car park after a sleepless night. "
        "Small good thing.",
    ),
)
# (update index, author key, text)
COMMENTS = (
    (0, "member", "Thank you, Priya. It already feels like a good place to be."),
    (1, "carer", "Going to try this with Jo's chores. Three short jobs sounds doable."),
    (2, "carer", "The tulips waited for you! So glad you got out there."),
    (2, "moderator", "That is a real step. Go gently with yourself tomorrow."),
    (4, "member", "A pillow for the neck and a flask of something warm helped me a lot."),
    (4, "member1", "Sunglasses too, the light bothered me after mine."),
    (5, "member2", "Mine lives in the freezer from June. It helps, especially on the bus."),
    (6, "carer", "Sending you a hug. Shout if you need anything picked up."),
)
# (update index, member keys who hug it)
HUGS = ((2, ("carer", "moderator", "member1")), (4, ("member", "member2")), (6, ("carer",)))
MESSAGES = (
    ("member", "carer", "Hi Sam, how did Jo get on after the infusion?"),
    ("carer", "member", "Tired but OK, thanks. She slept most of the evening."),
    ("member", "carer", "Glad to hear it. Tell her I said hello."),
    ("moderator", "member", "Hi Rowan, just checking you found the Team page all right."),
)
TEAMS = (("member", "carer"), ("member", "member1"), ("carer", "member2"))


def network_demo(*, communities, stdout) -> None:
    ms, ra = communities
    people = _people(ms)
    if len(people) < 7:
        stdout.write("Network demo skipped: load the demo members first.")
        return
    _teams(ms, people)
    updates = [_update(ms, people, *spec) for spec in UPDATES]
    for index, key, text in COMMENTS:
        _comment(updates[index], people[key], text)
    for index, keys in HUGS:
        for key in keys:
            _hug(updates[index], people[key])
    _messages(ms, people)
    _ra_updates(ra)
    stdout.write(f"Network: {Update.objects.filter(community=ms).count()} MS updates.")


def _people(community) -> dict:
    emails = {
        "member": "member@demo.alongside.localhost",
        "carer": "carer@demo.alongside.localhost",
        "moderator": "moderator@demo.alongside.localhost",
    }
    for n in (1, 2, 3, 4):
        emails[f"member{n}"] = f"member{n}@{community.slug}.{SYNTHETIC_DOMAIN}"
    users = User.objects.filter(email__in=emails.values(), memberships__community=community)
    by_email = {user.email: user for user in users}
    return {key: by_email[email] for key, email in emails.items() if email in by_email}


def _teams(community, people) -> None:
    from alongside.teams.services import team_link_create

    for a, b in TEAMS:
        team_link_create(community=community, a=people[a], b=people[b])


def _update(community, people, key, hours, audience, picture, text) -> Update:
    author = people[key]
    existing = Update.objects.filter(community=community, author=author, body=text).first()
    if existing:
        return existing
    pictures = [_picture(picture)] if picture else []
    update = services.update_create(
        author=author,
        community=community,
        body=text,
        audience=UpdateAudience(audience),
        pictures=pictures,
    )
    services.update_visibility_set(update=update, visibility=Visibility.PUBLISHED)
    Update.objects.filter(pk=update.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    return update


_PICTURES = {
    "garden": ("A garden path with red and yellow tulips", (92, 140, 80), (220, 60, 60)),
    "tea": ("A large mug of tea on a windowsill", (200, 170, 130), (120, 70, 40)),
    "sunrise": ("An orange sunrise over a car park", (250, 160, 70), (255, 220, 120)),
}


def _picture(name: str):
    alt, ground, accent = _PICTURES[name]
    rng = random.Random(name)
    image = Image.new("RGB", (1200, 800), ground)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(1200), rng.randrange(300, 800)
        draw.ellipse((x, y, x + 40, y + 40), fill=accent)
    draw.rectangle((0, 0, 1200, 260), fill=(170, 205, 235))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    upload = SimpleUploadedFile(f"{name}.jpg", out.getvalue(), content_type="image/jpeg")
    return services.picture_prepare(upload=upload, alt_text=alt)


def _comment(update, author, text) -> None:
    if not Comment.objects.filter(update=update, author=author, body=text).exists():
        comment = services.comment_create(author=author, update=update, body=text)
        # Demo members are new (trust 0), so their comments wait for a moderator: publish
        # them, as the demo's updates are (one held post is made for the moderator apart).
        services.comment_visibility_set(comment=comment, visibility=Visibility.PUBLISHED)


def _hug(update, user) -> None:
    if not Reaction.objects.filter(update=update, user=user, kind=ReactionKind.HUG).exists():
        services.reaction_toggle(user=user, kind=ReactionKind.HUG, update=update)


def _messages(community, people) -> None:
    from alongside.inbox.models import Message
    from alongside.inbox.services import conversation_start, message_send

    for sender, recipient, text in MESSAGES:
        conversation = conversation_start(
            sender=people[sender], recipient=people[recipient], community=community
        )
        if not Message.objects.filter(conversation=conversation, body=text).exists():
            message_send(sender=people[sender], conversation=conversation, body=text)


RA_UPDATES = (
    ("member1", "Hands are stiff this morning, so it's a porridge and audiobook kind of day."),
    ("member2", "Six months on the new treatment and I opened a jar by myself today. Small win!"),
)


def _ra_updates(community) -> None:
    people = _people(community)
    for key, text in RA_UPDATES:
        if key in people:
            _update(community, people, key, 10, "members", None, text)
