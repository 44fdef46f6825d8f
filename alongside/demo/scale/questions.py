"""Questions, answers (answer_count and helpful_count kept exact) and helpful votes, by COPY."""

from datetime import timedelta

from django.db import transaction

from alongside.core.models import Visibility
from alongside.demo.scale.copy import Copier, ids_reserve
from alongside.demo.scale.skew import distinct_picks, heavy_count, zipf_index
from alongside.demo.scale.text import answer_text, question_title, update_text

MEMBERS_PER_QUESTION = 20


def questions_make(cast, progress) -> dict:
    from alongside.questions.models import Question

    asked = Question.objects.filter(author__email__endswith=cast.synthetic())
    if cast.done_before(asked, per_member=1 / MEMBERS_PER_QUESTION):
        return {}
    rng = cast.rng("questions")
    plans = [_plan(cast, rng) for _ in range(max(1, len(cast.ids) // MEMBERS_PER_QUESTION))]
    with transaction.atomic():
        counts = _write(cast, rng, plans)
    progress(1, 1)
    return counts


def _plan(cast, rng) -> dict:
    author = cast.busiest[zipf_index(rng, len(cast.ids))]
    answers = [
        {
            "author": cast.busiest[zipf_index(rng, len(cast.ids))],
            "published": rng.random() < 0.97,
            "helpful": heavy_count(rng, 1.8, min(200, len(cast.ids) - 1)),
        }
        for _ in range(heavy_count(rng, 1.25, 150))
    ]
    return {"author": author, "at": cast.moment_after(rng, cast.joined[author]), "answers": answers}


def _write(cast, rng, plans: list[dict]) -> dict:
    from alongside.questions.models import Answer, HelpfulVote, Question

    first_question = ids_reserve(Question, len(plans))
    first_answer = ids_reserve(Answer, sum(len(plan["answers"]) for plan in plans))
    next_answer = first_answer
    for number, plan in enumerate(plans):
        plan["id"] = first_question + number
        for answer in plan["answers"]:
            answer["id"], next_answer = next_answer, next_answer + 1
            answer["at"] = plan["at"] + timedelta(minutes=rng.randint(5, 20000))
        plan["best"] = _best(rng, plan["answers"])
    return {
        "questions": _questions(Question, cast, rng, plans),
        "answers": _answers(Answer, cast, rng, plans),
        "helpful votes": _votes(HelpfulVote, cast, rng, plans),
    }


def _best(rng, answers: list[dict]):
    published = [answer["id"] for answer in answers if answer["published"]]
    return rng.choice(published) if published and rng.random() < 0.3 else None


def _questions(model, cast, rng, plans) -> int:
    fields = ["id", "community_id", "author_id", "title", "body", "answer_count"]
    fields += ["best_answer_id", "visibility", "created_at", "updated_at"]
    rows = (
        (
            p["id"],
            cast.community.pk,
            p["author"],
            question_title(rng),
            update_text(rng),
            sum(a["published"] for a in p["answers"]),
            p["best"],
            Visibility.PUBLISHED,
            p["at"],
            p["at"],
        )
        for p in plans
    )
    return Copier(model, fields).write(rows)


def _answers(model, cast, rng, plans) -> int:
    fields = ["id", "community_id", "question_id", "author_id", "body", "helpful_count"]
    fields += ["visibility", "created_at", "updated_at"]
    rows = (
        (
            a["id"],
            cast.community.pk,
            p["id"],
            a["author"],
            answer_text(rng),
            a["helpful"],
            Visibility.PUBLISHED if a["published"] else Visibility.PENDING,
            a["at"],
            a["at"],
        )
        for p in plans
        for a in p["answers"]
    )
    return Copier(model, fields).write(rows)


def _votes(model, cast, rng, plans) -> int:
    rows = (
        (a["id"], user, a["at"] + timedelta(minutes=rng.randint(1, 5000)))
        for p in plans
        for a in p["answers"]
        for user in distinct_picks(rng, cast.busiest, a["helpful"])
    )
    return Copier(model, ["answer_id", "user_id", "created_at"]).write(rows)
