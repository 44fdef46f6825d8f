"""Explicit, minimal staff roles on existing installs (alongside.articles.roles), and the
review already shown on live articles recorded against their live revision."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from alongside.articles.roles import staff_roles_apply


def _permissions_ensure(apps) -> None:
    """Permissions are normally created after all migrations; the roles need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def roles_apply(apps, schema_editor) -> None:
    _permissions_ensure(apps)
    staff_roles_apply(apps)


def reviewed_revisions_record(apps, schema_editor) -> None:
    """Articles published before approvals were recorded per revision keep their reviewer."""
    article = apps.get_model("articles", "ArticlePage")
    for row in article.objects.filter(live=True, reviewer__isnull=False):
        article.objects.filter(pk=row.pk).update(reviewed_revision_id=row.live_revision_id)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_reviewed_revision"),
        ("accounts", "0002_avatar_private_storage"),
        ("communities", "0002_crisis_languages"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(roles_apply, migrations.RunPython.noop),
        migrations.RunPython(reviewed_revisions_record, migrations.RunPython.noop),
    ]
