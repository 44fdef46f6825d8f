"""The clinical editors' group and the medical review workflow for the knowledge base.

Pharmacists and clinical editors add and change treatments, interactions, contraindications and
sources in the staff console; a change goes live only when a member of Medical reviewers (the
group articles use) approves it.
"""

from django.db import migrations

from alongside.treatments.roles import knowledge_review_ensure


def _forward(apps, schema_editor):
    knowledge_review_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0002_reviewed_knowledge_base"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(_forward, migrations.RunPython.noop)]
