"""The staff console's guards: an article reaches readers only through an approved medical
review. `ArticlePage.publish` refuses an unapproved revision whatever the path; these hooks
refuse earlier, with a message, on the paths that would not publish through it (copy, move)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from alongside.articles.admin_views import review_done
from alongside.articles.models import ArticlePage
from alongside.articles.selectors import review_last_outcome_for
from alongside.articles.services import PUBLISH_THROUGH_REVIEW

_COPY_UNPUBLISHED = _(
    "A copy of an article starts as a draft: submit it for review to publish it. "
    "Untick “Publish copies” to copy."
)
_MOVE_LIVE = _(
    "A published article cannot be moved: its review belongs to its library. Unpublish it "
    "first, then move it and submit it for review."
)


def _is_article(page) -> bool:
    return isinstance(page.specific_deferred, ArticlePage)


def _has_articles(page) -> bool:
    return _is_article(page) or ArticlePage.objects.descendant_of(page).exists()


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    if request.method == "POST" and _is_article(page) and "action-publish" in request.POST:
        messages.error(request, PUBLISH_THROUGH_REVIEW)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if (
        request.method == "POST"
        and issubclass(page_class, ArticlePage)
        and "action-publish" in request.POST
    ):
        messages.error(request, PUBLISH_THROUGH_REVIEW)
        return redirect("wagtailadmin_pages:add_subpage", parent_page.pk)
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copied_articles(request, page):
    """A copy of a live article would be live with the original's review: refused."""
    if request.method == "POST" and request.POST.get("publish_copies") and _has_articles(page):
        messages.error(request, _COPY_UNPUBLISHED)
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


@hooks.register("before_move_page")
def refuse_moving_live_articles(request, page, destination):
    if _is_article(page) and page.live and page.get_parent().pk != destination.pk:
        messages.error(request, _MOVE_LIVE)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish_and_move(request, action_type, objects, action_class_instance):
    articles = [o for o in objects if _is_article(o)]
    if action_type == "publish" and articles:
        messages.error(request, PUBLISH_THROUGH_REVIEW)
        return redirect("wagtailadmin_explore_root")
    if action_type == "move" and any(o.live for o in articles):
        messages.error(request, _MOVE_LIVE)
        return redirect("wagtailadmin_explore_root")
    return None


@hooks.register("register_admin_urls")
def review_urls():
    return [path("review/<int:task_state_id>/done/", review_done, name="articles_review_done")]


@hooks.register("after_edit_page")
def confirm_review_action(request, page):
    """Approving or sending back from the edit page: say what it did."""
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        text = review_last_outcome_for(page=page, user=request.user)
        if text:
            messages.success(request, text)


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    """Reviewers publish an article by approving it, so the plain Publish item is not offered."""
    page = context.get("page")
    if page is not None and _is_article(page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
