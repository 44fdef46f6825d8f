"""Staff see the emails that are waiting or failed (Reports > Emails) and can send one again."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from alongside.core import admin_views


class _OutboxMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return admin_views.may_see_outbox(request.user)


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("emails/", admin_views.outbox_report, name="core_outbox"),
        path("emails/<int:pk>/retry/", admin_views.outbox_retry, name="core_outbox_retry"),
    ]


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return _OutboxMenuItem(_("Emails"), reverse("core_outbox"), icon_name="mail", order=900)
