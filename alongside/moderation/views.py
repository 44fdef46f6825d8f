import re
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alongside.communities.models import StaffRole
from alongside.communities.selectors import administers
from alongside.core.cursors import cursor_for
from alongside.core.feedback import place_of, placed
from alongside.moderation import policy, selectors, services, targets
from alongside.moderation.crisis import resources_for
from alongside.moderation.forms import ActionForm, ReportForm, TeamFindForm, TeamForm
from alongside.moderation.models import CLOSING_ACTIONS, Action


def _next_or(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and target.startswith("/") else default


@login_required
def queue(request):
    filters = selectors.QueueFilters.from_params(request.GET)
    elsewhere = _other_community_url(request, filters)
    if elsewhere:
        return redirect(elsewhere)
    context = _queue_context(request, filters)
    _feedback_where_shown(request, {entry.anchor for entry in context["entries"]})
    return render(request, "moderation/queue.html", context)


def _feedback_where_shown(request, anchors: set[str]) -> None:
    """A decision's message sits in the entry the desk lands on; if that entry is not on
    this page (filtered out, or dealt with meanwhile), at the top instead."""
    for message in messages.get_messages(request):
        if place_of(message).startswith("entry-") and place_of(message) not in anchors:
            message.extra_tags = ""


def _other_community_url(request, filters) -> str:
    """The filter form's community choice is another site: its desk, with the same filters.
    Only a community the viewer moderates is offered or followed."""
    slug = request.GET.get("community", "")
    if not slug or slug == getattr(request.community, "slug", ""):
        return ""
    chosen = selectors.moderated_community_for(viewer=request.user, slug=slug)
    if chosen is None:
        raise Http404
    return chosen.site.root_url + _queue_url(replace(filters, after=""), "")


def _queue_context(request, filters) -> dict:
    page = selectors.queue_page_for(
        viewer=request.user, community=request.community, filters=filters
    )
    return {
        "page": page,
        "entries": page.entries,
        "filters": filters,
        "form": ActionForm(),
        "filter_query": urlencode(filters.as_params(after="")),
        "next_query": urlencode(filters.as_params(after=page.next_cursor)),
        "communities": selectors.moderated_communities_for(viewer=request.user),
        "guidance": resources_for(community=request.community),
        "manages_team": administers(viewer=request.user, community=request.community),
    }


@login_required
@require_POST
def act(request):
    form = ActionForm(request.POST)
    filters = selectors.QueueFilters.from_params(request.POST)
    if not form.is_valid():
        selectors.moderator_required(viewer=request.user, community=request.community)
        context = {**_queue_context(request, filters), "failed": form}
        return render(request, "moderation/queue.html", context, status=400)
    data = form.cleaned_data
    target = selectors.moderation_target_for(
        viewer=request.user, label_lower=data["label"], pk=data["pk"], community=request.community
    )
    if data["action"] not in selectors.actions_for_target(target=target):
        messages.error(request, _("That action does not apply to this item any more."))
        return redirect(_queue_url(filters, ""))
    named = _named(target)
    try:
        logged = services.moderation_act(
            moderator=request.user,
            community=request.community,
            target=target,
            action=data["action"],
            note=data["note"],
            days=data["days"] or 7,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_queue_url(filters, ""))
    selectors.queue_count_forget(community=request.community)
    anchor = _anchor_after(request, logged, target)
    text = str(_DONE[logged.action]) % {"item": named}
    messages.success(request, text, extra_tags=placed(anchor) if anchor else "")
    return redirect(_queue_url(filters, anchor))


# What the desk says once a decision is taken, naming the item and its author.
_DONE = {
    Action.APPROVE: gettext_lazy("Approved %(item)s: members can see it now."),
    Action.REJECT: gettext_lazy("Rejected %(item)s: only its author can see it."),
    Action.HIDE: gettext_lazy("Hid %(item)s from members."),
    Action.RESTORE: gettext_lazy("Restored %(item)s: members can see it again."),
    Action.WARN: gettext_lazy("Sent a warning about %(item)s to its author."),
    Action.SUSPEND: gettext_lazy("Paused posting for the author of %(item)s."),
    Action.BLOCK_GUEST: gettext_lazy(
        "Blocked the guest who wrote %(item)s, by email and by address."
    ),
    Action.REACH_OUT: gettext_lazy("Sent your message to the author of %(item)s."),
    Action.RESOLVE: gettext_lazy("Closed the report on %(item)s."),
    Action.DISMISS: gettext_lazy("Closed the report on %(item)s: no action needed."),
}


_ANCHOR = re.compile(r"entry-[a-z0-9-]{1,120}")
_MOVES_ON = CLOSING_ACTIONS | {Action.APPROVE, Action.REJECT}


def _anchor_after(request, logged, target) -> str:
    """A decision that settles the entry moves on to the next one; any other stays on it,
    for a second action (hide the post, then suspend its author)."""
    if logged.action in _MOVES_ON:
        anchor = request.POST.get("next_anchor", "")
        return anchor if _ANCHOR.fullmatch(anchor) else ""
    return f"entry-{target._meta.label_lower.replace('.', '-')}-{target.pk}"


def _named(target) -> str:
    return _("the %(label)s by %(name)s") % {
        "label": targets.label_of(target),
        "name": selectors.author_name_for_moderators(target),
    }


def _queue_url(filters, anchor: str | None) -> str:
    query = urlencode(filters.as_params())
    url = reverse("moderation:queue") + (f"?{query}" if query else "")
    return url + (f"#{anchor}" if anchor else "")


@login_required
def report(request, kind: str, ref: str):
    target = selectors.report_target_for(
        viewer=request.user, kind=kind, ref=ref, community=request.community
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _report_save(request, target, form)
    context = {"form": form, "target": target, "kind": kind, "next": _next_or(request, "")}
    return render(request, "moderation/report.html", context, status=400 if form.errors else 200)


def _report_save(request, target, form):
    if policy.post_limit_hit(user=request.user, community=request.community, action="report"):
        messages.error(request, _("You have sent many reports in the last hour. Please try later."))
        return redirect(_next_or(request, targets.url_of(target) or "/"))
    services.report_create(
        reporter=request.user, community=request.community, target=target, **form.cleaned_data
    )
    messages.success(request, _("Thank you. A moderator will look at this soon."))
    return redirect(_next_or(request, targets.url_of(target) or "/"))


@login_required
def log(request):
    rows = selectors.log_for(
        viewer=request.user, community=request.community, before=request.GET.get("before")
    )
    more = len(rows) == selectors.LOG_PAGE_SIZE
    next_cursor = cursor_for(rows[-1]) if more else None
    return render(request, "moderation/log.html", {"rows": rows, "next_cursor": next_cursor})


@login_required
def guests(request):
    """The guests blocked here, each with a button that lifts the block."""
    if request.method == "POST":
        block = selectors.guest_block_get_for(
            viewer=request.user, community=request.community, pk=_int(request.POST.get("block"))
        )
        services.guest_unblock(moderator=request.user, community=request.community, block=block)
        text = _("Lifted the block on %(email)s: this guest can comment again.")
        messages.success(request, text % {"email": block.email})
        return redirect("moderation:guests")
    rows = selectors.guest_blocks_for(viewer=request.user, community=request.community)
    return render(request, "moderation/guests.html", {"blocks": rows})


@login_required
def team(request):
    """The community's moderators and admins, for its community admins: find a member and
    appoint them, or take a role away."""
    selectors.team_required(viewer=request.user, community=request.community)
    if request.method == "POST":
        return _team_change(request)
    find = TeamFindForm(request.GET if "find" in request.GET else None)
    matches = None
    if find.is_valid():
        matches = selectors.team_matches_for(
            viewer=request.user, community=request.community, query=find.cleaned_data["find"]
        )
    team = selectors.team_for(viewer=request.user, community=request.community)
    context = {"team": team, "find": find, "matches": matches}
    return render(request, "moderation/team.html", context, status=400 if find.errors else 200)


def _team_change(request):
    form = TeamForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("moderation:team")
    data = form.cleaned_data
    membership = selectors.team_member_get_for(
        viewer=request.user, community=request.community, public_id=str(data["member"])
    )
    try:
        if data["remove"]:
            services.team_remove(
                admin=request.user, community=request.community, membership=membership
            )
        else:
            services.team_appoint(
                admin=request.user,
                community=request.community,
                membership=membership,
                staff_role=data["staff_role"],
            )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("moderation:team")
    messages.success(request, _team_done(membership.name, data))
    if membership.user_id == request.user.pk:  # their own role: the team page may be closed now
        return redirect("/" if data["remove"] else "moderation:queue")
    return redirect("moderation:team")


def _team_done(name: str, data: dict) -> str:
    if data["remove"]:
        return _("%(name)s is no longer on the team: the desk closed to them at once.") % {
            "name": name
        }
    if data["staff_role"] == StaffRole.ADMIN:
        text = _("%(name)s is now a community admin. We told them on the site and by email.")
    else:
        text = _("%(name)s is now a moderator. We told them on the site and by email.")
    return text % {"name": name}


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError as error:
        raise Http404 from error


def support(request):
    if request.community is None:
        raise Http404
    resources = resources_for(community=request.community)
    return render(request, "moderation/support.html", {"crisis_resources": resources})
