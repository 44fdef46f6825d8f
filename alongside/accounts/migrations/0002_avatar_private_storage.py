# Profile pictures move to the private storage: served only through the audience check.

import os

import alongside.accounts.models
import alongside.core.storage
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import migrations, models


def _avatar_names(apps):
    Profile = apps.get_model("accounts", "Profile")
    return Profile.objects.exclude(avatar="").values_list("avatar", flat=True).iterator()


def _move(apps, source, target):
    """Local disk only: on S3 both storages are the same private bucket."""
    if settings.MEDIA_STORAGE == "s3":
        return
    for name in _avatar_names(apps):
        if source.exists(name) and not target.exists(name):
            os.makedirs(os.path.dirname(target.path(name)), exist_ok=True)
            os.replace(source.path(name), target.path(name))


def to_private(apps, schema_editor):
    _move(apps, default_storage, alongside.core.storage.private_storage())


def to_public(apps, schema_editor):
    _move(apps, alongside.core.storage.private_storage(), default_storage)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='profile',
            name='avatar',
            field=models.ImageField(blank=True, storage=alongside.core.storage.private_storage, upload_to=alongside.accounts.models._avatar_path),
        ),
        migrations.RunPython(to_private, to_public, elidable=True),
    ]
