"""What the journal adds to other apps' pages through core.slots (those apps never import
the journal): the "save as a question for my neurologist" button, and on a treatment's page
what members' journals showed before and after starting it."""

from django.conf import settings

from alongside.core.slots import render_here
from alongside.journal.selectors import treatment_figures_for
from alongside.journal.symptoms import SYMPTOMS


def save_question(context, *, text: str = "", source_title: str = "", source_url: str = "") -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or context.get("viewer_membership") is None:
        return ""
    return render_here(
        context,
        "journal/includes/save_question.html",
        {
            "text": text,
            "source_title": source_title,
            "source_url": source_url or request.get_full_path(),
        },
    )


def treatment_figures(context, *, treatment) -> str:
    request = context.get("request")
    community = getattr(request, "community", None)
    if community is None:
        return ""
    figure = treatment_figures_for(community=community, treatment_slug=treatment.slug)
    rows = [
        {**row, "name": SYMPTOMS.get(row["key"], row["key"])}
        for row in (figure.rows if figure else [])
    ]
    return render_here(
        context,
        "journal/includes/treatment_figures.html",
        {
            "treatment": treatment,
            "figure": figure,
            "rows": rows,
            "k": settings.COMMUNITY_FIGURE_MIN_MEMBERS,
        },
    )
