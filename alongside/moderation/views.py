from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.inputs import parse_id
from alongside.moderation import policy, selectors, services, targets
from alongside.moderation.crisis import resources_for
from alongside.moderation.forms import ActionForm, ReportForm


def _next_or(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and target.startswith("/") else default


@login_required
def queue(request):
    entries = selectors.queue_for(viewer=request.user, community=request.community)
    return render(request, "moderation/queue.html", {"entries": entries, "form": ActionForm()})


@login_required
@require_POST
def act(request):
    form = ActionForm(request.POST)
    if not form.is_valid():
        selectors.moderator_required(viewer=request.user, community=request.community)
        entries = selectors.queue_for(viewer=request.user, community=request.community)
        context = {"entries": entries, "form": ActionForm(), "failed": form}
        return render(request, "moderation/queue.html", context, status=400)
    target = selectors.moderation_target_for(
        viewer=request.user,
        label_lower=form.cleaned_data["label"],
        pk=form.cleaned_data["pk"],
        community=request.community,
    )
    logged = services.moderation_act(
        moderator=request.user,
        community=request.community,
        target=target,
        action=form.cleaned_data["action"],
        note=form.cleaned_data["note"],
        days=form.cleaned_data["days"] or 7,
    )
    messages.success(request, _("Done: %(action)s.") % {"action": logged.get_action_display()})
    return redirect("moderation:queue")


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
        viewer=request.user,
        community=request.community,
        before=parse_id(request.GET.get("before")),
    )
    more = len(rows) == selectors.LOG_PAGE_SIZE
    return render(request, "moderation/log.html", {"rows": rows, "more": more})


def support(request):
    if request.community is None:
        raise Http404
    resources = resources_for(community=request.community)
    return render(request, "moderation/support.html", {"crisis_resources": resources})
