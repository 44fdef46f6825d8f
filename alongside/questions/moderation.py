"""How the moderation queue sees and acts on questions and answers."""

from django.utils.translation import gettext_lazy as _

from alongside.core.models import Visibility
from alongside.core.moderation import Moderatable
from alongside.questions.models import Answer, Question
from alongside.questions.selectors import answer_get_for, question_get_for
from alongside.questions.services import answer_visibility_set, question_visibility_set


def _excerpt(text: str) -> str:
    return text[:140] + ("…" if len(text) > 140 else "")


ITEMS = (
    Moderatable(
        label=_("question"),
        model=Question,
        excerpt=lambda question: _excerpt(f"{question.title} {question.body}".strip()),
        url=lambda question: question.get_absolute_url(),
        approve=lambda question, *, moderator: question_visibility_set(
            question=question, visibility=Visibility.PUBLISHED
        ),
        reject=lambda question, *, moderator, note: question_visibility_set(
            question=question, visibility=Visibility.REJECTED
        ),
        hide=lambda question, *, moderator: question_visibility_set(
            question=question, visibility=Visibility.HIDDEN
        ),
        get_for=question_get_for,
    ),
    Moderatable(
        label=_("answer"),
        model=Answer,
        excerpt=lambda answer: _excerpt(answer.body),
        url=lambda answer: answer.get_absolute_url(),
        approve=lambda answer, *, moderator: answer_visibility_set(
            answer=answer, visibility=Visibility.PUBLISHED
        ),
        reject=lambda answer, *, moderator, note: answer_visibility_set(
            answer=answer, visibility=Visibility.REJECTED
        ),
        hide=lambda answer, *, moderator: answer_visibility_set(
            answer=answer, visibility=Visibility.HIDDEN
        ),
        get_for=answer_get_for,
    ),
)
