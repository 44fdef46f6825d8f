from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema, Status

from alongside.communities.selectors import is_member
from alongside.core.forms import fields_clean
from alongside.core.schemas import Error, example
from alongside.moderation.crisis import resources_for
from alongside.questions import selectors, services
from alongside.questions.forms import AnswerForm, CommentForm, QuestionForm

router = Router(tags=["questions"])

_PUBLIC_QUESTION = {
    "id": 96,
    "title": "How do you pace a walk?",
    "created_at": "2026-04-17T10:00:00Z",
    "answer_count": 3,
    "url": "http://localhost:8000/questions/96/",
}


class PublicQuestionOut(Schema):
    model_config = example(_PUBLIC_QUESTION)

    id: int
    title: str
    created_at: datetime
    answer_count: int
    url: str

    @staticmethod
    def resolve_id(question) -> int:
        return question.pk


class QuestionListOut(Schema):
    model_config = example({"items": [_PUBLIC_QUESTION], "next_cursor": "1776420000000000.96"})

    items: list[PublicQuestionOut]
    next_cursor: str | None


class AnswerOut(Schema):
    id: int
    author_name: str
    body: str
    created_at: datetime
    helpful_count: int
    marked_helpful: bool
    is_best: bool
    visibility: str


class QuestionOut(Schema):
    """Members get everything; others the public face (no details, no answers)."""

    model_config = example(
        _PUBLIC_QUESTION
        | {
            "body": "Some days I overdo it and pay for it later. What works for you?",
            "asker_name": "Jo",
            "topics": ["fatigue"],
            "answers": [
                {
                    "id": 311,
                    "author_name": "Sam",
                    "body": "Short loops close to home, so I can stop whenever I need to.",
                    "created_at": "2026-04-17T12:30:00Z",
                    "helpful_count": 6,
                    "marked_helpful": False,
                    "is_best": True,
                    "visibility": "published",
                }
            ],
            "next_cursor": None,
        }
    )

    id: int
    title: str
    body: str | None = None
    asker_name: str
    created_at: datetime
    answer_count: int
    url: str
    topics: list[str] = []
    answers: list[AnswerOut] = []
    next_cursor: str | None = None


class QuestionIn(Schema):
    model_config = example(
        {
            "title": "How do you pace a walk?",
            "body": "Some days I overdo it and pay for it later. What works for you?",
            "topics": ["fatigue"],
        }
    )

    title: str
    body: str = ""
    topics: list[str] = []


class AnswerIn(Schema):
    model_config = example({"body": "Short loops close to home, so I can stop whenever I need to."})

    body: str


class PostedOut(Schema):
    model_config = example({"id": 311, "visibility": "published", "crisis_resources": None})

    id: int
    visibility: str
    crisis_resources: str | None


class HelpfulOut(Schema):
    model_config = example({"helpful": True, "helpful_count": 7})

    helpful: bool
    helpful_count: int


def _error(error: ValidationError) -> Status:
    return Status(400, {"detail": " ".join(error.messages)})


def _posted(request, posted) -> Status:
    resources = resources_for(community=request.community) if posted.crisis else None
    body = {
        "id": posted.item.pk,
        "visibility": posted.item.visibility,
        "crisis_resources": resources,
    }
    return Status(201, body)


@router.get("", response=QuestionListOut, auth=None)
def question_list(request, cursor: str | None = None, topic: str = ""):
    """Public: titles and answer counts, newest first."""
    listing = selectors.question_list_for(community=request.community, before=cursor, topic=topic)
    return {"items": listing.items, "next_cursor": listing.next_cursor}


@router.get("/similar", response=list[PublicQuestionOut], auth=None)
def similar(request, title: str = ""):
    return selectors.similar_questions(community=request.community, title=title[:200])


@router.get("/{pk}", response=QuestionOut, auth=None)
def question_detail(request, pk: int, cursor: str | None = None):
    """Members get the question in full; everyone else its public face."""
    if not is_member(user=request.user, community=request.community):
        question = selectors.question_public_get(pk=pk, community=request.community)
        return _question_out(question, asker_name=request.community.anonymous_member_name)
    page = selectors.question_page_for(
        viewer=request.user, pk=pk, community=request.community, after=cursor
    )
    return _question_out(page.question, asker_name=page.asker_name) | {
        "body": page.question.body,
        "topics": [topic.slug for topic in page.question.topics.all()],
        "answers": ([page.best] if page.best else []) + page.answers,
        "next_cursor": page.next_cursor,
    }


def _question_out(question, *, asker_name: str) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "asker_name": str(asker_name),
        "created_at": question.created_at,
        "answer_count": question.answer_count,
        "url": question.get_absolute_url(),
    }


@router.post("", response={201: PostedOut, 400: Error})
def question_ask(request, data: QuestionIn):
    if not is_member(user=request.user, community=request.community):
        raise Http404
    try:
        text = fields_clean(QuestionForm, title=data.title, body=data.body)
        posted = services.question_ask(
            author=request.user, community=request.community, topics=data.topics, **text
        )
    except ValidationError as error:
        return _error(error)
    return _posted(request, posted)


@router.post("/{pk}/answers", response={201: PostedOut, 400: Error})
def answer_create(request, pk: int, data: AnswerIn):
    question = selectors.question_get_for(viewer=request.user, pk=pk, community=request.community)
    try:
        body = fields_clean(AnswerForm, body=data.body)["body"]
        posted = services.answer_post(author=request.user, question=question, body=body)
    except ValidationError as error:
        return _error(error)
    return _posted(request, posted)


@router.post("/answers/{pk}/helpful", response={200: HelpfulOut, 400: Error})
def helpful(request, pk: int):
    answer = selectors.answer_get_for(viewer=request.user, pk=pk, community=request.community)
    try:
        marked = services.helpful_toggle(user=request.user, answer=answer)
    except ValidationError as error:
        return _error(error)
    answer.refresh_from_db(fields=["helpful_count"])
    return {"helpful": marked, "helpful_count": answer.helpful_count}


class AnswerCommentIn(Schema):
    model_config = example({"body": "That helped me too, thank you."})

    body: str


class BestIn(Schema):
    model_config = example({"answer_id": 311})

    answer_id: int | None = None


class BestOut(Schema):
    model_config = example({"best_answer_id": 311})

    best_answer_id: int | None


@router.post("/answers/{pk}/comments", response={201: PostedOut, 400: Error, 404: Error})
def answer_comment(request, pk: int, data: AnswerCommentIn):
    """Comment on an answer (the same comments as on updates, the same posting rules)."""
    answer = selectors.answer_get_for(viewer=request.user, pk=pk, community=request.community)
    try:
        body = fields_clean(CommentForm, body=data.body)["body"]
        posted = services.answer_comment_post(author=request.user, answer=answer, body=body)
    except ValidationError as error:
        return _error(error)
    return _posted(request, posted)


@router.put("/{pk}/best", response={200: BestOut, 400: Error, 404: Error})
def best_answer(request, pk: int, data: BestIn):
    """The asker chooses the best answer to their question; `answer_id` null clears it."""
    question = selectors.question_get_for(viewer=request.user, pk=pk, community=request.community)
    answer = None
    if data.answer_id is not None:
        answer = selectors.answer_get_for(
            viewer=request.user, pk=data.answer_id, community=request.community
        )
    try:
        question = services.best_answer_set(by=request.user, question=question, answer=answer)
    except ValidationError as error:
        return _error(error)
    return {"best_answer_id": question.best_answer_id}
