from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.views import serve as wagtail_serve

from alongside.articles import selectors, services
from alongside.articles.forms import CommentForm, GuestForm
from alongside.articles.models import ResourcesPage
from alongside.core import ratelimits
from alongside.core.feedback import anchor, placed
from alongside.core.storage import private_picture_response
from alongside.moderation import policy
from alongside.moderation.notices import crisis_notice_add


def comment_picture(request, pk: int):
    """A comment's picture, never at a public address: each request checks the viewer."""
    found = selectors.comment_picture_get_for(
        viewer=request.user,
        guest=selectors.guest_for(request),
        community=request.community,
        pk=pk,
    )
    return private_picture_response(found.picture)


def resources(request):
    """The library of the community served at this host."""
    root = request.community.site.root_page if request.community else None
    library = ResourcesPage.objects.live().child_of(root).first() if root else None
    if library is None:
        raise Http404
    return redirect(library.get_url(request=request))


def article_serve(request, library: str, slug: str):
    """Wagtail's serve, with the article found in one query instead of a walk down the tree."""
    article = selectors.article_at(community=request.community, library_slug=library, slug=slug)
    if article is not None:
        request._wagtail_route_for_request = (article, [], {})
    return wagtail_serve(request, f"{library}/{slug}/")


def _render_article(request, article, **forms):
    """The article page again, with the visitor's form and what they typed."""
    context = article.get_context(request)
    context.update(forms)
    return TemplateResponse(request, article.get_template(request), context, status=400)


def _comments_url(request, article) -> str:
    """The article at its comments, where the message about them is shown."""
    return f"{article.get_url(request=request)}{anchor('comments')}"


@require_POST
def guest_start(request, pk: int):
    article = selectors.article_get_live(pk=pk, community=request.community)
    form = GuestForm(request.POST)
    if not form.is_valid():
        return _render_article(request, article, guest_form=form)
    if not form.is_spam() and _guest_allowed(request, form.cleaned_data["email"]):
        try:
            services.guest_start(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                ip=ratelimits.client_ip(request),
                article=article,
                community=request.community,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0], extra_tags=placed("comments"))
            return redirect(_comments_url(request, article))
    messages.success(
        request,
        _("Check your inbox: we sent a link to %(email)s. Open it to read and post comments.")
        % {"email": form.cleaned_data["email"]},
        extra_tags=placed("comments"),
    )
    return redirect(_comments_url(request, article))


def _guest_allowed(request, email: str) -> bool:
    by_ip = ratelimits.allow(
        scope="guest-ip", key=ratelimits.client_ip(request), limit=10, seconds=3600
    )
    by_email = ratelimits.allow(scope="guest-email", key=email.lower(), limit=3, seconds=3600)
    return by_ip and by_email


def guest_confirm(request, token: str):
    try:
        guest, article_id = services.guest_confirm(
            token=token, community=request.community, ip=ratelimits.client_ip(request)
        )
    except ValidationError as error:
        return TemplateResponse(
            request, "articles/guest_link_invalid.html", {"error": error.messages[0]}, status=400
        )
    request.session[selectors.GUEST_SESSION_KEY] = guest.pk
    messages.success(
        request,
        _("Thank you, %(name)s: your email is confirmed.") % {"name": guest.name},
        extra_tags=placed("comments"),
    )
    article = selectors.article_get_live(pk=article_id, community=request.community)
    return redirect(_comments_url(request, article))


@require_POST
def comment_create(request, pk: int):
    article = selectors.article_get_live(pk=pk, community=request.community)
    author, guest = _commenter(request)
    if author is None and guest is None:
        messages.error(
            request,
            _("Confirm your email address or log in to comment."),
            extra_tags=placed("comments"),
        )
        return redirect(_comments_url(request, article))
    form = CommentForm(request.POST, request.FILES, with_captcha=guest is not None)
    if not form.is_valid():
        return _render_article(request, article, comment_form=form)
    if form.is_spam():
        # A robot filled the hidden field: told nothing more than someone posting too much.
        form.add_error(None, policy.too_many_comments_message())
        return _render_article(request, article, comment_form=form)
    try:
        comment = services.comment_create(
            article=article,
            community=request.community,
            text=form.cleaned_data["text"],
            picture=form.cleaned_data["picture"],
            ip=ratelimits.client_ip(request),
            author=author,
            guest=guest,
        )
    except ValidationError as error:
        if error.code == "rate_limited":
            form.add_error(None, error)
        else:
            form.add_error("text", error)
        return _render_article(request, article, comment_form=form)
    messages.success(request, _comment_message(comment), extra_tags=placed("comments"))
    if comment.crisis:
        crisis_notice_add(request, place="comments")
    return redirect(_comments_url(request, article))


def _commenter(request):
    if selectors.is_member(user=request.user, community=request.community):
        return request.user, None
    return None, selectors.guest_for(request)


def _comment_message(comment) -> str:
    if comment.visibility == "published":
        return _("Thank you: your comment is published.")
    return _("Thank you: your comment is waiting for a moderator and will appear once approved.")
