from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.communities.access import member_required
from alongside.treatments import selectors, services
from alongside.treatments.forms import CheckerForm, EntryForm, SearchForm, initial_for


def treatment_list(request):
    groups = selectors.treatment_list_for(community=request.community)
    return render(request, "treatments/treatment_list.html", {"groups": groups})


def treatment_detail(request, slug: str):
    page = selectors.treatment_page_for(community=request.community, slug=slug)
    return render(request, "treatments/treatment_detail.html", {"page": page, "t": page.treatment})


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
