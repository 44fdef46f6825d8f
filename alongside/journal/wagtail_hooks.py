"""Staff edit the words shown after a relapse is logged, per community, in the staff console."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alongside.journal.models import JournalWording


class JournalWordingViewSet(SnippetViewSet):
    model = JournalWording
    icon = "doc-full"
    menu_label = _("Journal wording")
    list_display = ["community", "relapse_prompt"]


register_snippet(JournalWordingViewSet)
