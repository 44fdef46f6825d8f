from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from alongside.articles.models import ArticlePage

_PUBLISH_THROUGH_REVIEW = _(
    "Articles are published when a medical reviewer approves them. Submit it for review."
)


def _refuse_direct_publish(request, page):
    """Articles reach readers only through an approved medical review."""
    if isinstance(page.specific, ArticlePage) and "action-publish" in request.POST:
        messages.error(
            request,
            _PUBLISH_THROUGH_REVIEW,
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    if request.method == "POST":
        return _refuse_direct_publish(request, page)
    return None


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if (
        request.method == "POST"
        and issubclass(page_class, ArticlePage)
        and "action-publish" in request.POST
    ):
        messages.error(
            request,
            _PUBLISH_THROUGH_REVIEW,
        )
        return redirect("wagtailadmin_pages:add_subpage", parent_page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and any(isinstance(o.specific, ArticlePage) for o in objects):
        messages.error(request, _("Articles are published when a medical reviewer approves them."))
        return redirect("wagtailadmin_explore_root")
    return None


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    """Reviewers publish an article by approving it, so the plain Publish item is not offered."""
    page = context.get("page")
    if page is not None and isinstance(page.specific_deferred, ArticlePage):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
