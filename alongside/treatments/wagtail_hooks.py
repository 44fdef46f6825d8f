"""The knowledge base in the staff console: clinical editors draft, medical reviewers approve.

Each model is a snippet with drafts, revisions, locking and the "Treatment knowledge base
review" workflow (see migration 0003); Wagtail keeps every change in the item's history.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from alongside.treatments.models import Contraindication, Interaction, Source, Treatment


class TreatmentViewSet(SnippetViewSet):
    model = Treatment
    icon = "pick"
    list_display = ["name", "purpose", "live"]
    list_filter = ["purpose"]
    search_fields = ["name", "slug"]


class InteractionViewSet(SnippetViewSet):
    model = Interaction
    icon = "warning"
    list_display = ["__str__", "severity", "unverified", "live"]
    list_filter = ["severity", "unverified"]
    search_fields = ["a", "b", "a_name", "b_name"]


class ContraindicationViewSet(SnippetViewSet):
    model = Contraindication
    icon = "warning"
    list_display = ["__str__", "severity", "unverified", "live"]
    list_filter = ["severity", "unverified"]
    search_fields = ["condition", "condition_name"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    list_display = ["title", "kind", "holder", "unverified", "live"]
    list_filter = ["kind", "unverified"]
    search_fields = ["title", "holder", "slug"]


class KnowledgeBaseGroup(SnippetViewSetGroup):
    menu_label = _("Treatment knowledge")
    menu_icon = "pick"
    menu_order = 300
    items = (TreatmentViewSet, InteractionViewSet, ContraindicationViewSet, SourceViewSet)


register_snippet(KnowledgeBaseGroup)
