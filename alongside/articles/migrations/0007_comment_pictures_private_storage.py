# Article comment pictures move to the private storage: served only through a view that
# checks the viewer may read the comment (before, anyone with the address could fetch them).

import os

import alongside.articles.models
import alongside.core.storage
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import migrations, models


def _picture_names(apps):
    ArticleComment = apps.get_model("articles", "ArticleComment")
    return ArticleComment.objects.exclude(picture="").values_list("picture", flat=True).iterator()


def _move(apps, source, target):
    """Local disk only: on S3 both storages are the same private bucket."""
    if settings.MEDIA_STORAGE == "s3":
        return
    for name in _picture_names(apps):
        if source.exists(name) and not target.exists(name):
            os.makedirs(os.path.dirname(target.path(name)), exist_ok=True)
            os.replace(source.path(name), target.path(name))


def to_private(apps, schema_editor):
    _move(apps, default_storage, alongside.core.storage.private_storage())


def to_public(apps, schema_editor):
    _move(apps, alongside.core.storage.private_storage(), default_storage)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_figure_help_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='articlecomment',
            name='picture',
            field=models.ImageField(blank=True, storage=alongside.core.storage.private_storage, upload_to=alongside.articles.models._comment_picture_path),
        ),
        migrations.RunPython(to_private, to_public, elidable=True),
    ]
