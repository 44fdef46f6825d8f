"""Pictures and a small community for the network's tests (conversations, teams, inbox)."""

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from alongside.communities.models import StaffRole


def jpeg_bytes(*, size=(640, 480), colour=(90, 140, 80), gps: bool = False) -> bytes:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (0.0, 7.0, 40.0),
        }
        exif[ExifTags.Base.Make] = "PhoneMaker"
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(out, format="PNG")
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def picture_upload(**kwargs):
    return upload(jpeg_bytes(**kwargs))


@dataclass
class World:
    """Everyone the access matrix needs, around one owner's updates."""

    community: object
    owner: object
    teammate: object
    outsider: object
    blocked: object
    moderator: object
    other_community: object
    members_update: object
    team_update: object

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


ROLES = ("anonymous", "other_community", "outsider", "blocked", "owner", "moderator", "teammate")


@pytest.fixture
def make_trusted(make_member):
    """A member past the new-member stage (trust level 1): their posts publish at once."""
    from alongside.communities.models import Membership

    def make(*args, **kwargs):
        user = make_member(*args, **kwargs)
        Membership.objects.filter(user=user).update(trust_level=1)
        return user

    return make


@pytest.fixture
def world(community, other_community, make_trusted):
    from alongside.conversations.services import picture_prepare, update_create
    from alongside.teams.services import block_create, team_link_create

    owner = make_trusted(display_name="Olive")
    teammate = make_trusted(display_name="Tam")
    outsider = make_trusted(display_name="Oscar")
    blocked = make_trusted(display_name="Bea")
    moderator = make_trusted(display_name="Mo", staff_role=StaffRole.MODERATOR)
    other = make_trusted(other_community, display_name="Rae")
    team_link_create(community=community, a=owner, b=teammate)
    block_create(blocker=owner, blocked=blocked, community=community)
    members_update = update_create(
        author=owner,
        community=community,
        body="A good day in the garden.",
        pictures=[picture_prepare(upload=picture_upload(), alt_text="Tulips")],
    )
    team_update = update_create(
        author=owner, community=community, body="Only for my team: a hard night.", audience="team"
    )
    return World(
        community, owner, teammate, outsider, blocked, moderator, other, members_update, team_update
    )
