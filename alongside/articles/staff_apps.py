"""Wagtail's users app, with the staff console's user pages scoped (articles.staff_users)."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersConfig(WagtailUsersAppConfig):
    user_viewset = "alongside.articles.staff_users.StaffUserViewSet"
