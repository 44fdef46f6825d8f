"""The documented backup works: a pg_dump (custom format) and a copy of the media folder,
restored into a fresh database and folder, serve every member's posts and pictures.

Marked `backup`: `.ci/run` runs it once, on its PostgreSQL pass. Needs PostgreSQL and the
pg_dump / pg_restore / createdb client tools; skipped when they are absent."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections

from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_update
from alongside.conversations import services
from alongside.conversations.models import UpdatePicture
from alongside.testing import pictures

pytestmark = [pytest.mark.backup, pytest.mark.django_db(transaction=True)]
TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb")


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the backup test needs PostgreSQL (DATABASE_URL)")
    if not all(shutil.which(tool) for tool in TOOLS):
        pytest.skip("the backup test needs the PostgreSQL client tools (pg_dump, pg_restore)")
    return dict(connection.settings_dict)


def _run(tool: str, database: dict, *args: str) -> None:
    """A PostgreSQL client tool, connected as Django is (the README's commands, from Python)."""
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    server = ["--host", database.get("HOST") or "localhost"]
    server += ["--port", str(database.get("PORT") or 5432)]
    server += ["--username", database.get("USER") or "postgres"]
    subprocess.run([tool, *server, *args], check=True, env=environment, capture_output=True)  # noqa: S603


def _posts_with_pictures(community, make_member) -> dict:
    """Three members, each with an update carrying a picture; {update: picture bytes}."""
    posted = {}
    for n in range(3):
        author = make_member(display_name=f"Backup author {n}")
        membership = membership_for(user=author, community=community)
        membership_update(membership=membership, trust_level=1)
        picture = services.picture_prepare(upload=pictures.png(f"walk{n}.png"), alt_text="A walk")
        update = services.update_create(
            author=author, community=community, body=f"Backup walk {n}", pictures=[picture]
        )
        stored = UpdatePicture.objects.get(update=update)
        posted[update] = (stored, stored.image.read())
    return posted


@pytest.fixture
def restored_database(postgres):
    name = f"{postgres['NAME']}_restored"
    _run("dropdb", postgres, "--if-exists", name)
    yield name
    connections["default"].close()
    connection.settings_dict["NAME"] = postgres["NAME"]
    _run("dropdb", postgres, "--if-exists", name)


def test_a_restored_dump_and_media_copy_serve_every_members_posts_and_pictures(
    postgres, restored_database, community, make_member, client_for, settings, tmp_path
):
    posted = _posts_with_pictures(community, make_member)
    reader = make_member()
    # Back up: the database in pg_dump's custom format, the media folder as a copy.
    dump = tmp_path / "alongside.dump"
    _run("pg_dump", postgres, "--format=custom", "--no-owner", f"--file={dump}", postgres["NAME"])
    backup_media = tmp_path / "media-backup"
    shutil.copytree(django_settings.MEDIA_ROOT, backup_media)

    # Restore: a fresh database from the dump, a fresh media folder from the copy.
    _run("createdb", postgres, restored_database)
    _run(
        "pg_restore", postgres, "--no-owner", "--exit-on-error", "-d", restored_database, str(dump)
    )
    restored_media = tmp_path / "media-restored"
    shutil.copytree(backup_media, restored_media)
    connections["default"].close()
    connection.settings_dict["NAME"] = restored_database
    settings.MEDIA_ROOT = Path(restored_media)
    first = next(iter(posted.values()))[0]
    assert first.image.storage.path(first.image.name).startswith(str(restored_media))

    client = client_for(reader)
    for update, (stored, picture_bytes) in posted.items():
        page = client.get(f"/updates/{update.pk}/").content.decode()
        assert update.body in page
        response = client.get(f"/updates/{update.pk}/pictures/{stored.pk}/full/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == picture_bytes
