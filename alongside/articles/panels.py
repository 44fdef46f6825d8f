"""The review panel on an article's edit page: what the reviewer said, and what changed."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ReviewNotesPanel(Panel):
    """Shows the editor the reviewer's latest note at once, and links the change since the
    last approved version for both of them."""

    @property
    def clean_name(self):
        return super().clean_name or "review-notes"

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("help_text", None)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/review_notes_panel.html"

        def get_context_data(self, parent_context=None):
            from alongside.articles.selectors import review_notes_for

            context = super().get_context_data(parent_context)
            context["notes"] = review_notes_for(page=self.instance)
            context["empty_text"] = _(
                "The medical reviewer and the review date are set when a reviewer approves it."
            )
            return context
