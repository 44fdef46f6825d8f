from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.communities.access import member_required, safe_next
from alongside.conversations import selectors, services
from alongside.conversations.forms import CommentForm, UpdateEditForm, UpdateForm
from alongside.conversations.models import ReactionKind
from alongside.core.models import Visibility
from alongside.core.storage import private_picture_response
from alongside.moderation.notices import crisis_tell, held_notice_add

TABS = ("everyone", "team")


def _tab(request) -> str:
    tab = request.GET.get("tab", "everyone")
    return tab if tab in TABS else "everyone"


@member_required
def feed(request):
    page = selectors.feed_for(
        viewer=request.user,
        community=request.community,
        tab=_tab(request),
        before=request.GET.get("before"),
    )
    if request.htmx and request.GET.get("before"):
        return render(request, "conversations/includes/feed_page.html", {"page": page})
    draft = selectors.draft_for(viewer=request.user, community=request.community)
    return _feed_page(request, page, UpdateForm(initial={"body": draft}))


@member_required
@require_POST
def draft_save(request):
    """htmx: keep the update being typed; answers with a short status for a live region."""
    services.draft_save(
        user=request.user, community=request.community, body=request.POST.get("body", "")
    )
    return HttpResponse(_("Draft saved."))


def _feed_page(request, page, form, status: int = 200):
    context = {"page": page, "form": form, "tabs": TABS}
    return render(request, "conversations/feed.html", context, status=status)


@member_required
@require_POST
def update_create(request):
    form = UpdateForm(request.POST, request.FILES)
    update = form.is_valid() and _saved(form, services.update_create, **_create_args(request, form))
    if update:
        if update.visibility == Visibility.PENDING:
            held_notice_add(request)
        else:
            messages.success(request, _("Your update is posted."))
        crisis_tell(request, update)
        return redirect("conversations:feed")
    page = selectors.feed_for(viewer=request.user, community=request.community)
    return _feed_page(request, page, form, status=400)


def _create_args(request, form) -> dict:
    data = form.cleaned_data
    return {
        "author": request.user,
        "community": request.community,
        "body": data["body"],
        "audience": data["audience"],
        "pictures": data["pictures"],
        "quote_consent": data["quote_consent"],
    }


def _saved(form, service, **kwargs):
    """Call a service; put a ValidationError on the form so nothing typed is lost."""
    try:
        return service(**kwargs) or True
    except ValidationError as error:
        form.add_error(None, error)
        return False


@member_required
def update_detail(request, pk: int):
    update = selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)
    return _detail_page(request, update, CommentForm())


def _detail_page(request, update, form, status: int = 200):
    comments = selectors.comments_for_update(
        viewer=request.user,
        update=update,
        community=request.community,
        after=request.GET.get("after"),
    )
    context = {"update": update, "comments": comments, "form": form}
    return render(request, "conversations/update_detail.html", context, status=status)


@member_required
def update_edit(request, pk: int):
    update = selectors.update_owned_by(viewer=request.user, pk=pk, community=request.community)
    form = UpdateEditForm(request.POST or None, update=update)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            form,
            services.update_edit,
            update=update,
            editor=request.user,
            body=data["body"],
            audience=data["audience"],
            remove_picture_ids=[int(pk) for pk in data.get("remove", [])],
            quote_consent=data["quote_consent"],
        ):
            messages.success(request, _("Your update is saved."))
            return redirect(update)
    return render(request, "conversations/update_edit.html", {"update": update, "form": form})


@member_required
def update_delete(request, pk: int):
    update = selectors.update_owned_by(viewer=request.user, pk=pk, community=request.community)
    if request.method == "POST":
        services.update_delete(update=update, by=request.user)
        messages.success(request, _("Your update is deleted."))
        return redirect("conversations:feed")
    return render(request, "conversations/update_delete.html", {"update": update})


@member_required
@require_POST
def react(request, pk: int, kind: str):
    if kind not in ReactionKind.values:
        raise Http404
    update = selectors.update_visible_get(viewer=request.user, pk=pk, community=request.community)
    services.reaction_toggle(user=request.user, kind=kind, update=update)
    if request.htmx:
        update = selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)
        context = {"update": update, "next": safe_next(request, update.get_absolute_url())}
        return render(request, "conversations/includes/reactions.html", context)
    return redirect(safe_next(request, update.get_absolute_url()))


@member_required
@require_POST
def comment_create(request, pk: int):
    update = selectors.update_visible_get(viewer=request.user, pk=pk, community=request.community)
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = _saved(
            form,
            services.comment_create,
            author=request.user,
            update=update,
            body=form.cleaned_data["body"],
            quote_consent=form.cleaned_data["quote_consent"],
        )
        if comment:
            if comment.visibility == Visibility.PENDING:
                held_notice_add(request)
            crisis_tell(request, comment)
            return redirect(comment.get_absolute_url())
    update = selectors.update_get_for(viewer=request.user, pk=pk, community=request.community)
    return _detail_page(request, update, form, status=400)


@member_required
@require_POST
def comment_delete(request, pk: int):
    comment = selectors.comment_owned_by(viewer=request.user, pk=pk, community=request.community)
    target = comment.get_absolute_url().split("#")[0]
    services.comment_delete(comment=comment, by=request.user)
    messages.success(request, _("Your comment is deleted."))
    return redirect(target)


@member_required
@require_POST
def comment_quote_consent(request, pk: int):
    """The author allows editors to quote their comment, or takes it back (a plain form)."""
    comment = selectors.comment_owned_by(viewer=request.user, pk=pk, community=request.community)
    consent = request.POST.get("consent") == "1"
    services.quote_consent_set(post=comment, member=request.user, consent=consent)
    if consent:
        messages.success(request, _("Editors may now quote your comment anonymously."))
    else:
        messages.success(request, _("Editors may no longer quote your comment."))
    return redirect(comment.get_absolute_url())


@member_required
def picture(request, pk: int, picture_pk: int, size: str):
    """Members' pictures are never at a public address: each request checks the viewer."""
    if size not in ("feed", "full"):
        raise Http404
    found = selectors.picture_get_for(
        viewer=request.user, update_pk=pk, picture_pk=picture_pk, community=request.community
    )
    return private_picture_response(found.feed_image if size == "feed" else found.image)
