from django.db import transaction
from django.db.models import F

from alongside.core.topics import topics_ensure
from alongside.questions.models import Answer, Question


@transaction.atomic
def question_create(*, author, community, title: str, body: str = "", topics=()) -> Question:
    question = Question.objects.create(
        author=author, community=community, title=title.strip(), body=body.strip()
    )
    question.topics.set(topics_ensure(list(topics)))
    return question


@transaction.atomic
def answer_create(*, author, question: Question, body: str) -> Answer:
    answer = Answer.objects.create(author=author, question=question, body=body.strip())
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
    return answer
