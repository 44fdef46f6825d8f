from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from alongside.articles import figures

_INLINE = ["bold", "italic", "link", "superscript"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "articles/blocks/heading.html"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bullet", _("Bullets")), ("numbered", _("Numbered"))], default="bullet"
    )
    items = blocks.ListBlock(blocks.RichTextBlock(features=_INLINE))

    class Meta:
        icon = "list-ul"
        template = "articles/blocks/list.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning")), ("tip", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(features=_INLINE)

    class Meta:
        icon = "warning"
        template = "articles/blocks/callout.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock()
    header = blocks.ListBlock(blocks.CharBlock(), help_text=_("Column headings."))
    rows = blocks.ListBlock(blocks.ListBlock(blocks.CharBlock(required=False)))
    source = blocks.CharBlock(required=False, help_text=_("Key of the source it comes from."))

    class Meta:
        icon = "table"
        template = "articles/blocks/table.html"


class QuoteChooserBlock(SnippetChooserBlock):
    """Loads each quote with its post in one query for the whole article."""

    def bulk_to_python(self, values):
        quotes = self.target_model.objects.select_related(
            "update", "comment__update", "comment__answer"
        ).in_bulk(values)
        return [quotes.get(value) for value in values]


class MemberQuoteBlock(blocks.StructBlock):
    quote = QuoteChooserBlock(
        "articles.MemberQuote", help_text=_("Only quotes the member consented to share.")
    )

    class Meta:
        icon = "openquote"
        template = "articles/blocks/member_quote.html"

    def get_context(self, value, parent_context=None):
        """Nothing is shown once the author takes consent back or the post is hidden."""
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        quote = value["quote"]
        context["text"] = quote.text_for(getattr(request, "community", None)) if quote else ""
        return context


def _figure_kinds():
    return [(kind, kind.capitalize()) for kind in figures.kinds()] or [("condition", "Condition")]


class CommunityFigureBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=_figure_kinds, default="condition")
    subject = blocks.CharBlock(help_text=_("A condition or treatment slug, e.g. fibromyalgia."))
    text = blocks.CharBlock(
        help_text=_(
            "What these members do, after {count}. {count} stands for “More than N members”, "
            "with N the rounded figure: “{count} also report fibromyalgia” reads “More than "
            "40 members also report fibromyalgia”. Nothing shows while too few members "
            "agreed to be counted."
        )
    )

    class Meta:
        icon = "group"
        template = "articles/blocks/community_figure.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        community = getattr(request, "community", None)
        context["figure"] = figures.figure_for(
            community=community, kind=value["kind"], subject=value["subject"]
        )
        return context


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock()

    class Meta:
        icon = "comment"
        template = "articles/blocks/cta.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=_INLINE, template="articles/blocks/paragraph.html")
    list = ListBlock()
    callout = CalloutBlock()
    table = TableBlock()
    member_quote = MemberQuoteBlock()
    community_figure = CommunityFigureBlock()
    cta = CallToActionBlock()


class SourceBlock(blocks.StructBlock):
    key = blocks.CharBlock(help_text=_("Cite it in the text as [^key]."))
    title = blocks.CharBlock()
    publisher = blocks.CharBlock(required=False)
    url = blocks.URLBlock()

    class Meta:
        icon = "link"
