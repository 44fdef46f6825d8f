"""Where members' files live: never at a public address.

Members' pictures (update pictures, profile pictures) are served only through views that
check the viewer each time; this storage gives them no URL of their own.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse
from django.utils.functional import cached_property


class PrivateFileStorage(FileSystemStorage):
    """MEDIA_ROOT/private, with no public address (the web server must not serve it)."""

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "private")

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


_private_storage = PrivateFileStorage()


def private_storage():
    """A private bucket (S3 with private ACLs) or the private folder on local disk."""
    return default_storage if settings.MEDIA_STORAGE == "s3" else _private_storage


def private_picture_response(field, *, public: bool = False) -> FileResponse:
    """A stored picture (JPEG or PNG after the image pipeline), for a view that has just
    checked the viewer may see it. Browsers may keep it; shared caches only when public."""
    content_type = "image/png" if field.name.endswith(".png") else "image/jpeg"
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=600" if public else "private, max-age=3600"
    return response
