from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.communities.access import member_required
from alongside.communities.selectors import is_member
from alongside.core.fragments import fragment_key, shared
from alongside.treatments import selectors, services
from alongside.treatments.clashes import live_knowledge_version
from alongside.treatments.forms import CheckerForm, EntryForm, SearchForm, initial_for

TREATMENT_PAGE_SECONDS = 60


def treatment_list(request):
    groups = selectors.treatment_list_for(community=request.community)
    return render(request, "treatments/treatment_list.html", {"groups": groups})


def treatment_detail(request, slug: str):
    """The facts, figures and sources are the same for every member of the community: rendered
    once and shared for a minute (the community's figures may lag that long, as they do behind
    the reports they count); a publish in the knowledge base makes a new copy at once (the key
    names the live knowledge base's version). Whether the viewer is a member decides the "save
    as a question" button, and the address its form returns to. The questions and articles on
    the treatment's topics are read on every request (a hidden question is gone at once)."""

    def build() -> dict:
        page = selectors.treatment_page_for(community=request.community, slug=slug)
        context = {"page": page, "t": page.treatment}
        return {
            "title": page.treatment.name,
            "description": page.treatment.summary,
            "topic_slugs": page.topic_slugs,
            "html": render_to_string("treatments/includes/treatment_body.html", context, request),
            "sources": render_to_string("treatments/includes/treatment_sources.html", context),
        }

    key = fragment_key(
        "treatment-page:1",
        request.community.pk,
        slug,
        live_knowledge_version(),
        translation.get_language(),
        is_member(user=request.user, community=request.community),
        request.get_full_path(),
    )
    shown = shared(key, TREATMENT_PAGE_SECONDS, build, request)
    context = {
        **shown,
        # Rendered (and escaped) by the two templates above.
        "body": mark_safe(shown["html"]),  # noqa: S308
        "sources": mark_safe(shown["sources"]),  # noqa: S308
        "reading": selectors.treatment_reading_for(
            community=request.community, topic_slugs=shown["topic_slugs"]
        ),
    }
    return render(request, "treatments/treatment_detail.html", context)


def checker(request):
    treatments, conditions = selectors.checker_choices(community=request.community)
    form = CheckerForm(
        request.GET or None, treatment_choices=treatments, condition_choices=conditions
    )
    checked = form.is_bound and form.is_valid()
    clashes = selectors.check(**form.cleaned_data) if checked else []
    context = {"form": form, "checked": checked, "clashes": clashes}
    return render(request, "treatments/checker.html", context, status=400 if form.errors else 200)


def search_suggestions(request):
    """htmx: matching treatments while the member types; the plain form gets the same list."""
    found = selectors.treatment_search(query=request.GET.get("q", "")[:80])
    return render(request, "treatments/includes/suggestions.html", {"found": found})


@member_required
def my_treatments(request):
    mine = selectors.my_treatments_for(user=request.user, community=request.community)
    return render(request, "treatments/my_treatments.html", {"mine": mine})


@member_required
def entry_add_search(request):
    form = SearchForm(request.GET or None)
    found = selectors.treatment_search(query=form.data.get("q", "")[:80]) if form.is_bound else []
    context = {"form": form, "found": found, "searched": form.is_bound}
    return render(request, "treatments/entry_search.html", context)


@member_required
def entry_add(request, slug: str):
    treatment = selectors.treatment_any_get(slug=slug)
    return _entry_form_page(request, treatment, entry=None)


@member_required
def entry_edit(request, pk: int):
    entry = selectors.entry_get_for(viewer=request.user, pk=pk, community=request.community)
    return _entry_form_page(request, entry.treatment, entry=entry)


def _entry_form_page(request, treatment, *, entry):
    names = [effect.name for effect in treatment.side_effects.all()]
    initial = initial_for(entry, names) if entry else None
    form = EntryForm(request.POST or None, initial=initial, side_effect_names=names)
    if request.method != "POST" or not form.is_valid():
        return _render_form(request, treatment, form, entry)
    try:
        services.treatment_entry_save(
            user=request.user,
            community=request.community,
            treatment=treatment,
            values=form.values(),
            entry=entry,
            confirmed=request.POST.get("confirm") == "yes",
        )
    except services.ClashesFound as found:
        return _render_form(request, treatment, form, entry, clashes=found.clashes)
    except ValidationError as error:
        form.add_error(None, error)
        return _render_form(request, treatment, form, entry)
    messages.success(request, _("Saved %(name)s to your treatments.") % {"name": treatment.name})
    return redirect("treatments:mine")


def _render_form(request, treatment, form, entry, clashes=None):
    context = {"form": form, "treatment": treatment, "entry": entry, "clashes": clashes or []}
    status = 400 if form.errors else 200
    return render(request, "treatments/entry_form.html", context, status=status)


@member_required
@require_POST
def entry_delete(request, pk: int):
    entry = selectors.entry_get_for(viewer=request.user, pk=pk, community=request.community)
    services.treatment_entry_delete(entry=entry)
    messages.success(request, _("Removed %(name)s.") % {"name": entry.treatment.name})
    return redirect("treatments:mine")
