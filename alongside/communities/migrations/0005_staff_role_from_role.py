"""Moderators and community admins kept their staff role in `role`, the field that also says
how the condition touches a member. The staff role moves to `staff_role`; `role` becomes
"living with the condition" for them.

Nothing better is possible: `role` held one value, so for these members what they said about
themselves (living with it, or a loved one) was overwritten when they became staff and is
lost. "Living with the condition" is what every member starts with; they can change it
at /welcome/role/ or through PATCH /api/v1/me/profile."""

from django.db import migrations

_STAFF = ("moderator", "admin")


def staff_role_from_role(apps, schema_editor) -> None:
    membership = apps.get_model("communities", "Membership")
    for staff_role in _STAFF:
        membership.objects.filter(role=staff_role).update(
            staff_role=staff_role, role="living_with"
        )


def role_from_staff_role(apps, schema_editor) -> None:
    membership = apps.get_model("communities", "Membership")
    for staff_role in _STAFF:
        membership.objects.filter(staff_role=staff_role).update(role=staff_role, staff_role="")


class Migration(migrations.Migration):
    dependencies = [("communities", "0004_membership_staff_role")]

    operations = [migrations.RunPython(staff_role_from_role, role_from_staff_role)]
