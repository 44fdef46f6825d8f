"""Names saved before names dropped direction and other control characters lose them now."""

import re

from django.db import migrations

# As alongside.core.inputs.clean_name, frozen here so this migration never changes.
_DROPPED = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\x01-\x1f\x7f-\x9f]")


def clean_names(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    for profile in Profile.objects.filter(display_name__regex=_DROPPED.pattern).iterator():
        profile.display_name = _DROPPED.sub("", profile.display_name).strip()
        profile.save(update_fields=["display_name"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_avatar_private_storage")]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
