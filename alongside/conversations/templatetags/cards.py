"""The feed's cards, each rendered once and shared for a minute by every viewer who would see
it the same way.

A card's HTML depends on the update (text, pictures, counts, audience, state), on how this
viewer sees it (the author's name as their audience allows, whether it is the viewer's own,
whether the viewer hugged or liked it), on the language and the page's address (the forms'
"next"), and on the clock ("3 minutes ago"). All of that names the cached copy, so a change
makes a new one; the clock is why copies last a minute. The CSRF token is the viewer's own.
Rendering 20 cards took about 9 ms of a feed request; a page of cached cards takes one cache
read.
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from alongside.core.fragments import fragment_key, shared_each

register = template.Library()
CARD_SECONDS = 60
CARD_TEMPLATE = "conversations/includes/update_card.html"


@register.simple_tag(takes_context=True)
def update_cards(context, updates) -> str:
    if not updates:
        return ""
    request = context["request"]
    keys = {update.pk: _key(update, request) for update in updates}
    html = shared_each(context, CARD_TEMPLATE, "update", updates, keys, CARD_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the card template, escaped there)


def _key(update, request) -> str:
    return fragment_key(
        "card:1",
        update.pk,
        update.updated_at.isoformat(),
        update.edited_at,
        update.audience,
        update.visibility,
        update.hug_count,
        update.like_count,
        update.comment_count,
        update.author_name,
        update.author_public_id,
        update.is_own,
        update.hugged,
        update.liked,
        translation.get_language(),
        request.get_full_path(),
    )
