"""How the moderation queue sees and acts on updates and comments."""

from alongside.conversations.models import Comment, Update
from alongside.conversations.selectors import update_get_for
from alongside.conversations.services import comment_visibility_set, update_visibility_set
from alongside.core.models import Visibility
from alongside.core.moderation import Moderatable


def _excerpt(text: str) -> str:
    return text[:140] + ("…" if len(text) > 140 else "")


def _update_excerpt(update: Update) -> str:
    return _excerpt(update.body) or "(pictures only)"


ITEMS = (
    Moderatable(
        label="update",
        model=Update,
        excerpt=_update_excerpt,
        url=lambda update: update.get_absolute_url(),
        approve=lambda update, *, moderator: update_visibility_set(
            update=update, visibility=Visibility.PUBLISHED
        ),
        reject=lambda update, *, moderator, note: update_visibility_set(
            update=update, visibility=Visibility.REJECTED
        ),
        # Through the service (a save), so an article quoting the update hears of it.
        hide=lambda update, *, moderator: update_visibility_set(
            update=update, visibility=Visibility.HIDDEN
        ),
        get_for=update_get_for,
    ),
    Moderatable(
        label="comment",
        model=Comment,
        excerpt=lambda comment: _excerpt(comment.body),
        url=lambda comment: comment.get_absolute_url(),
        approve=lambda comment, *, moderator: comment_visibility_set(
            comment=comment, visibility=Visibility.PUBLISHED
        ),
        reject=lambda comment, *, moderator, note: comment_visibility_set(
            comment=comment, visibility=Visibility.REJECTED
        ),
        hide=lambda comment, *, moderator: comment_visibility_set(
            comment=comment, visibility=Visibility.HIDDEN
        ),
    ),
)
