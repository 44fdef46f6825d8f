from django.db import migrations, models


def blocked_guests_move(apps, schema_editor):
    """A guest blocked before blocks were kept per community stays blocked, by email, in each
    community they commented in."""
    guest_model = apps.get_model("articles", "Guest")
    comment_model = apps.get_model("articles", "ArticleComment")
    block_model = apps.get_model("moderation", "GuestBlock")
    for guest in guest_model.objects.filter(blocked_at__isnull=False):
        communities = comment_model.objects.filter(guest=guest).values_list(
            "community_id", flat=True
        )
        for community_id in set(communities):
            block_model.objects.get_or_create(
                community_id=community_id, email=guest.email.lower(), address_digest=""
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_comment_pictures_private_storage"),
        ("moderation", "0003_guest_blocks"),
    ]

    operations = [
        migrations.RunPython(blocked_guests_move, migrations.RunPython.noop),
        migrations.RemoveField(model_name="guest", name="blocked_at"),
        migrations.AddField(
            model_name="articlecomment",
            name="guest_address_digest",
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
