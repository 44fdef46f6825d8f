"""A question page's answers, each rendered once and shared for a minute by every viewer who
would see it the same way (as the feed's cards are, conversations/templatetags/cards.py).

An answer's HTML depends on the answer (text, counts, state, best or not), on its comments as
this viewer may see them (blocked authors and held comments are already left out by the
selector, so the comments shown name the copy), on how the viewer sees it (the author's name as
their audience allows, the viewer's own answer or not, marked helpful or not, the asker or not),
on the question's title (the "save as a question" button), on the language and the page's
address (the forms' "next"). All of that names the cached copy, so any change makes a new one.
An answer whose comment form carries the viewer's errors is never shared. The CSRF token is the
viewer's own.
"""

from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from alongside.core.fragments import fragment_key, shared_each

register = template.Library()
ANSWER_SECONDS = 60
ANSWER_TEMPLATE = "questions/includes/answer.html"


@register.simple_tag(takes_context=True)
def answer_cards(context, answers) -> SafeString:
    """`answers`: a list of answers, or one (the best answer, shown first)."""
    if answers is not None and not isinstance(answers, list | tuple):
        answers = [answers]
    if not answers:
        return mark_safe("")
    request = context["request"]
    comment_on = context.get("comment_on")
    keys = {
        answer.pk: None if answer.pk == comment_on else _key(answer, context, request)
        for answer in answers
    }
    html = shared_each(context, ANSWER_TEMPLATE, "answer", answers, keys, ANSWER_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the answer template, escaped there)


def _key(answer, context, request) -> str:
    page, question = context["page"], context["question"]
    comments = [
        (c.pk, c.updated_at.isoformat(), c.visibility, c.author_name)
        for c in getattr(answer, "comment_list", ())
    ]
    return fragment_key(
        "answer:1",
        answer.pk,
        answer.updated_at.isoformat(),
        answer.visibility,
        answer.helpful_count,
        answer.author_name,
        answer.author_public_id,
        answer.is_own,
        answer.marked_helpful,
        answer.is_best,
        comments,
        question.pk,
        question.title,
        page.is_asker,
        context.get("viewer_membership") is not None,
        translation.get_language(),
        request.get_full_path(),
    )
