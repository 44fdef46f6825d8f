"""Journal pages. Each view parses input, asks `journal_access_for` (which takes the viewer)
and calls one service or selector; a viewer without the needed access gets a 404."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from alongside.accounts.services import profile_get_or_create, profile_update
from alongside.communities.access import member_required, safe_next
from alongside.journal import forms, instruments, pdf, selectors, services
from alongside.journal.crisis import crisis_resources_for
from alongside.journal.models import AccessKind
from alongside.journal.selectors import Need
from alongside.journal.summaries import (
    default_period,
    summary_view_for,
    symptom_figure_rows,
    trends_for,
)

PERIODS = {"30": 30, "90": 90, "180": 180, "365": 365}


def _access(request, jid, need: Need):
    return selectors.journal_access_for(
        viewer=request.user, public_id=jid, community=request.community, need=need
    )


def _summary_access(request, jid, pk: int, need: Need):
    return selectors.summary_access_for(
        viewer=request.user, public_id=jid, pk=pk, community=request.community, need=need
    )


def _url(name: str, access, *args) -> str:
    return reverse(f"journal:{name}", args=[access.journal.public_id, *args])


@member_required
def mine(request):
    journal = services.journal_get_or_create(owner=request.user, community=request.community)
    return redirect("journal:home", journal.public_id)


@login_required
def home(request, jid):
    access = _access(request, jid, Need.ANY)
    today = selectors.local_today(access.journal.owner)
    if access.can_view:
        services.access_log(access=access, kind=AccessKind.VIEWED)
    recent = selectors.recent_checkins_for(access=access) if access.can_view else []
    questionnaires = selectors.questionnaire_state_for(access=access)
    context = {
        "access": access,
        "today": today,
        "yesterday": today - timedelta(days=1),
        "form": _checkin_form(access, today, recent=recent if access.can_view else None)
        if access.can_add
        else None,
        "day": today,
        "recent": recent,
        "relapses": selectors.relapses_for(access=access)[:5] if access.can_view else [],
        "due": questionnaires.due,
        "safety": questionnaires.safety,
        "cared_for": selectors.journals_cared_for(viewer=request.user, community=request.community)
        if access.is_owner
        else [],
        "figures": symptom_figure_rows(community=request.community) if access.is_owner else [],
    }
    if context["safety"]:
        context["crisis_resources"] = crisis_resources_for(community=request.community)
    return render(request, "journal/home.html", context)


def _checkin_form(access, day, data=None, recent=None):
    """The check-in form for `day`; `recent` (the check-ins of the last days, `day` included,
    already read) spares the query."""
    if recent is None:
        checkin = selectors.checkin_for(access=access, day=day)
    else:
        checkin = next((c for c in recent if c.day == day), None)
    form = forms.CheckInForm(data, journal=access.journal, initial=forms.checkin_initial(checkin))
    form.checkin = checkin
    return form


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise Http404 from error


@login_required
def checkin(request, jid, day: str):
    access = _access(request, jid, Need.ADD)
    when = _day(day)
    try:
        services.checkin_day_check(access=access, day=when)
    except ValidationError as error:
        raise Http404 from error
    form = _checkin_form(access, when, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = services.checkin_save(
            access=access, day=when, scores=form.scores(), note=form.cleaned_data["note"]
        )
        if request.htmx:
            return render(
                request, "journal/includes/saved.html", {"checkin": saved, "access": access}
            )
        messages.success(request, _("Saved. Well done for checking in."))
        return redirect(safe_next(request, _url("home", access)))
    status = 400 if form.errors else 200
    context = {"access": access, "form": form, "day": when}
    return render(request, "journal/checkin.html", context, status=status)


@login_required
def symptoms(request, jid):
    access = _access(request, jid, Need.OWNER)
    form = forms.SymptomsForm(request.POST or None, initial=forms.symptoms_initial(access.journal))
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_symptoms_set(
                journal=access.journal, keys=form.cleaned_data["symptoms"], own=form.own()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your symptoms are saved."))
            return redirect("journal:home", jid)
    status = 400 if form.errors else 200
    return render(request, "journal/symptoms.html", {"access": access, "form": form}, status=status)


# Relapses -------------------------------------------------------------------------------------


@login_required
def relapses(request, jid):
    access = _access(request, jid, Need.VIEW)
    services.access_log(access=access, kind=AccessKind.VIEWED)
    context = {"access": access, "relapses": selectors.relapses_for(access=access)}
    return render(request, "journal/relapses.html", context)


@login_required
def relapse_edit(request, jid, pk: int | None = None):
    access = _access(request, jid, Need.ADD)
    relapse = selectors.relapse_get_for(access=access, pk=pk) if pk else None
    form = forms.RelapseForm(request.POST or None, instance=relapse)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.relapse_save(access=access, values=form.cleaned_data, relapse=relapse)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_relapse(request, access, saved, created=relapse is None)
    status = 400 if form.errors else 200
    context = {"access": access, "form": form, "relapse": relapse}
    return render(request, "journal/relapse_form.html", context, status=status)


def _after_relapse(request, access, relapse, *, created: bool):
    if not created:
        messages.success(request, _("The relapse is updated."))
        return redirect("journal:relapses", access.journal.public_id)
    context = {
        "access": access,
        "relapse": relapse,
        "prompt": selectors.relapse_prompt_for(community=request.community),
    }
    return render(request, "journal/relapse_saved.html", context)


@login_required
@require_POST
def relapse_delete(request, jid, pk: int):
    access = _access(request, jid, Need.OWNER)
    services.relapse_delete(access=access, relapse=selectors.relapse_get_for(access=access, pk=pk))
    messages.success(request, _("The relapse is deleted."))
    return redirect("journal:relapses", jid)


# Trends ---------------------------------------------------------------------------------------


@login_required
def trends(request, jid):
    access = _access(request, jid, Need.VIEW)
    services.access_log(access=access, kind=AccessKind.VIEWED_TRENDS)
    period = request.GET.get("days", "90")
    days = PERIODS.get(period, 90)
    end = selectors.local_today(access.journal.owner)
    view = trends_for(journal=access.journal, start=end - timedelta(days=days), end=end)
    context = {"access": access, "view": view, "days": days, "periods": PERIODS}
    return render(request, "journal/trends.html", context)


# Questionnaires -------------------------------------------------------------------------------


@login_required
def questionnaires(request, jid):
    access = _access(request, jid, Need.VIEW)
    context = {
        "access": access,
        "instruments": instruments.all_instruments(),
        "due": selectors.questionnaire_state_for(access=access).due,
        "responses": list(reversed(selectors.responses_for(journal=access.journal))),
    }
    return render(request, "journal/questionnaires.html", context)


@login_required
def questionnaire_take(request, jid, code: str):
    access = _access(request, jid, Need.OWNER)
    if code not in instruments.CODES:
        raise Http404
    form = forms.QuestionnaireForm(request.POST or None, code=code)
    if request.method == "POST" and form.is_valid():
        response = services.questionnaire_submit(access=access, code=code, answers=form.answers())
        context = {
            "access": access,
            "response": response,
            "spec": form.spec,
            "crisis_resources": crisis_resources_for(community=request.community)
            if response.safety_flag
            else "",
        }
        return render(request, "journal/questionnaire_done.html", context)
    status = 400 if form.errors else 200
    context = {"access": access, "form": form, "spec": form.spec}
    return render(request, "journal/questionnaire.html", context, status=status)


# Questions for the neurologist ----------------------------------------------------------------


@login_required
def questions(request, jid):
    access = _access(request, jid, Need.SUMMARISE)
    form = forms.QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.question_save(journal=access.journal, **form.cleaned_data)
        messages.success(request, _("Your question is saved for your next appointment."))
        return redirect("journal:questions", jid)
    context = {
        "access": access,
        "form": form,
        "questions": selectors.questions_for(journal=access.journal),
    }
    return render(request, "journal/questions.html", context, status=400 if form.errors else 200)


@member_required
@require_POST
def question_save_from_page(request):
    """The "save as a question for my neurologist" button on answers, articles, treatments."""
    journal = services.journal_get_or_create(owner=request.user, community=request.community)
    form = forms.QuestionForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.question_save(journal=journal, **form.cleaned_data)
    if request.htmx:
        return render(request, "journal/includes/question_saved.html", {"journal": journal})
    messages.success(request, _("Saved to your questions for your neurologist."))
    return redirect(safe_next(request, reverse("journal:questions", args=[journal.public_id])))


@login_required
@require_POST
def question_update(request, jid, pk: int):
    access = _access(request, jid, Need.SUMMARISE)
    question = selectors.question_get_for(access=access, pk=pk)
    if "delete" in request.POST:
        services.question_delete(question=question)
    else:
        services.question_update(question=question, asked=request.POST.get("asked") == "1")
    return redirect("journal:questions", jid)


# Visit summaries --------------------------------------------------------------------------------


@login_required
def summaries(request, jid):
    access = _access(request, jid, Need.SUMMARISE)
    start, end = default_period(selectors.local_today(access.journal.owner))
    initial = {"period_start": start, "period_end": end}
    form = forms.SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        summary = services.summary_save(access=access, **form.cleaned_data)
        return redirect("journal:summary", jid, summary.pk)
    context = {
        "access": access,
        "form": form,
        "summaries": selectors.summaries_for(access=access),
        "open_questions": selectors.questions_for(journal=access.journal, open_only=True),
    }
    return render(request, "journal/summaries.html", context, status=400 if form.errors else 200)


@login_required
def summary(request, jid, pk: int):
    access, item = _summary_access(request, jid, pk, Need.SUMMARISE)
    form = forms.SummaryForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.summary_save(access=access, summary=item, **form.cleaned_data)
        messages.success(request, _("The summary is updated."))
        return redirect("journal:summary", jid, pk)
    services.access_log(access=access, kind=AccessKind.VIEWED_SUMMARY)
    context = {
        "access": access,
        "view": summary_view_for(summary=item, owner_name=access.owner_name),
        "form": form,
        "links": selectors.links_for(access=access, summary=item) if access.is_owner else [],
        "share_form": forms.ShareForm(),
        "pdf_problem": pdf.unavailable_reason(),
    }
    return render(request, "journal/summary.html", context, status=400 if form.errors else 200)


@login_required
def summary_pdf(request, jid, pk: int):
    access, item = _summary_access(request, jid, pk, Need.SUMMARISE)
    view = summary_view_for(summary=item, owner_name=access.owner_name)
    return _pdf_response(request, view)


def _pdf_response(request, view):
    problem = pdf.unavailable_reason()
    if problem:
        return HttpResponse(problem, status=503, content_type="text/plain; charset=utf-8")
    document = pdf.summary_pdf(request=request, view=view)
    response = HttpResponse(document, content_type="application/pdf")
    name = f"visit-summary-{view.summary.period_end:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def summary_share(request, jid, pk: int):
    access = _access(request, jid, Need.OWNER)
    item = selectors.summary_get_for(access=access, pk=pk)
    form = forms.ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how long the link should work."))
        return redirect("journal:summary", jid, pk)
    link, token = services.share_link_create(
        summary=item, days=form.cleaned_data["days"], label=form.cleaned_data["label"]
    )
    url = request.build_absolute_uri(reverse("journal:shared", args=[token]))
    context = {"access": access, "summary": item, "link": link, "url": url}
    response = render(request, "journal/share_created.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def link_revoke(request, jid, pk: int):
    access = _access(request, jid, Need.OWNER)
    link = selectors.link_get_for(access=access, pk=pk)
    services.share_link_revoke(link=link)
    messages.success(request, _("The link no longer works."))
    return redirect("journal:summary", jid, link.summary_id)


def _private_headers(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def shared(request, token: str):
    """A clinician's read-only view of one summary, no account needed; each opening logged."""
    try:
        link = selectors.shared_summary_get(token=token)
    except Http404:
        return _private_headers(render(request, "journal/shared_gone.html", status=404))
    services.share_link_opened(link=link)
    journal = link.summary.journal
    owner = selectors.Access(journal, journal.owner).owner_name
    view = summary_view_for(summary=link.summary, owner_name=owner)
    if request.GET.get("format") == "pdf":
        return _private_headers(_pdf_response(request, view))
    context = {"view": view, "link": link, "shared": True, "token": token}
    return _private_headers(render(request, "journal/shared.html", context))


# Carers -----------------------------------------------------------------------------------------


@login_required
def carers(request, jid):
    access = _access(request, jid, Need.OWNER)
    form = forms.CarerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.carer_invite(access=access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("journal:carers", jid)
    context = {
        "access": access,
        "form": form,
        "carers": selectors.carers_for(access=access),
        "accesses": selectors.accesses_for(access=access, limit=20),
    }
    return render(request, "journal/carers.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def carer_change(request, jid, pk: int):
    access = _access(request, jid, Need.OWNER)
    carer = selectors.carer_get_for(access=access, pk=pk)
    if "revoke" in request.POST:
        services.carer_revoke(carer=carer)
        messages.success(request, _("Their access has ended."))
        return redirect("journal:carers", jid)
    form = forms.CarerPermissionsForm(request.POST)
    form.is_valid()
    try:
        services.carer_update(carer=carer, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Their permissions are saved."))
    return redirect("journal:carers", jid)


@login_required
def activity(request, jid):
    access = _access(request, jid, Need.OWNER)
    context = {"access": access, "accesses": selectors.accesses_for(access=access)}
    return render(request, "journal/activity.html", context)


@login_required
def carer_accept(request, token: str):
    carer = selectors.carer_invite_get(token=token)
    error = ""
    if request.method == "POST":
        try:
            services.carer_accept(carer=carer, user=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, _("You can now help with this journal."))
            return redirect("journal:home", carer.journal.public_id)
    owner = selectors.Access(carer.journal, carer.journal.owner).owner_name
    context = {"carer": carer, "owner_name": owner, "error": error}
    return render(request, "journal/carer_accept.html", context, status=400 if error else 200)


# Settings ---------------------------------------------------------------------------------------


@login_required
def journal_settings(request, jid):
    access = _access(request, jid, Need.OWNER)
    journal = access.journal
    profile = profile_get_or_create(user=request.user)
    initial = {
        "count_in_figures": journal.count_in_figures,
        "questionnaires": journal.questionnaires,
        "questionnaire_every_days": str(journal.questionnaire_every_days),
        "reminder_days": journal.reminder_days,
        "reminder_time": journal.reminder_time,
        "quiet_from": journal.quiet_from,
        "quiet_until": journal.quiet_until,
        "time_zone": profile.time_zone,
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        profile_update(profile=profile, time_zone=data.pop("time_zone"))
        services.journal_settings_update(journal=journal, **data)
        messages.success(request, _("Your journal settings are saved."))
        return redirect("journal:settings", jid)
    status = 400 if form.errors else 200
    return render(request, "journal/settings.html", {"access": access, "form": form}, status=status)
