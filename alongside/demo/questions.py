"""Demo questions and answers, helpful marks, and answer notifications for the demo member."""

from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.demo.generate import SYNTHETIC_DOMAIN
from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create
from alongside.questions.models import Answer, HelpfulVote, Question
from alongside.questions.services import answer_create, helpful_toggle, question_create
from alongside.teams.selectors import name_for

LDN = ["low-dose-naltrexone"]
QUESTIONS = (
    (
        "member1",
        "Do you start at 4.5 for MS?",
        LDN,
        "My neurologist agreed to a trial of low-dose naltrexone. Did you start at the full "
        "4.5 mg or build up slowly?",
        (
            (
                "member2",
                "I started at 1.5 mg and went up by 1.5 mg every two weeks. The slow "
                "start kept the vivid dreams manageable.",
            ),
            (
                "member3",
                "Straight to 4.5 mg for me. The first week I slept badly, then it settled.",
            ),
            (
                "carer",
                "Jo's doctor had her start at 3 mg because she is sensitive to new tablets. "
                "Ask about the compounding pharmacy's liquid form if you want small steps.",
            ),
        ),
    ),
    (
        "member2",
        "What are the side effects?",
        LDN,
        "Thinking about low-dose naltrexone for fatigue. What side effects did you notice, and "
        "did they fade?",
        (
            (
                "member1",
                "Vivid dreams for about three weeks. Taking it in the morning instead "
                "of at night helped.",
            ),
            (
                "moderator",
                "A mild headache for the first few days, nothing since. Worth keeping "
                "a short diary so you can tell your neurologist what changed.",
            ),
        ),
    ),
    (
        "member",
        "Does heat make your fatigue worse?",
        ["fatigue"],
        "Summer afternoons flatten me. How do you cope with warm days?",
        (
            ("member1", "A cool shower before going out and a frozen water bottle in my bag."),
            ("member2", "I plan errands for early morning and rest through the hottest hours."),
        ),
    ),
)
HELPFUL = (("member", 0, 0), ("member", 1, 0), ("carer", 0, 1), ("member3", 1, 1))


def questions_demo(*, communities, stdout) -> None:
    ms = communities[0]
    people = demo_people(ms)
    if len(people) < 7:
        stdout.write("Questions demo skipped: load the demo members first.")
        return
    questions = [_question(ms, people, *spec) for spec in QUESTIONS]
    for key, question_index, answer_index in HELPFUL:
        _helpful(people[key], questions[question_index], answer_index)
    _answer_notifications(questions[2])
    stdout.write(f"Questions: {Question.objects.filter(community=ms).count()} MS questions.")


def demo_people(community) -> dict:
    emails = {key: f"{key}@demo.alongside.localhost" for key in ("member", "carer", "moderator")}
    for n in (1, 2, 3, 4):
        emails[f"member{n}"] = f"member{n}@{community.slug}.{SYNTHETIC_DOMAIN}"
    users = User.objects.filter(email__in=emails.values(), memberships__community=community)
    by_email = {user.email: user for user in users.select_related("profile")}
    return {key: by_email[email] for key, email in emails.items() if email in by_email}


def _question(community, people, key, title, topics, body, answers) -> Question:
    question = Question.objects.filter(community=community, title=title).first()
    if question is None:
        question = question_create(
            author=people[key], community=community, title=title, body=body, topics=topics
        )
    if not question.answers.exists():
        for author_key, text in answers:
            answer_create(author=people[author_key], question=question, body=text)
    return question


def _helpful(user, question, index) -> None:
    answers = list(question.answers.order_by("created_at", "id"))
    if index < len(answers) and answers[index].author_id != user.pk:
        answer = answers[index]
        if not HelpfulVote.objects.filter(user=user, answer=answer).exists():
            helpful_toggle(user=user, answer=answer)


def _answer_notifications(question) -> None:
    """As the answer task would (same dedupe keys), so the demo needs no task worker."""
    for answer in Answer.objects.filter(question=question).select_related("author__profile"):
        notification_create(
            recipient=question.author,
            community=question.community,
            kind=Kind.ANSWER,
            text=_("%(name)s answered your question.") % {"name": _name(question, answer)},
            dedupe_key=f"answer:{answer.pk}",
            actor=answer.author,
            url=answer.get_absolute_url(),
        )


def _name(question, answer) -> str:
    return name_for(
        viewer_id=question.author_id,
        owner=answer.author,
        community=question.community,
        teammates=set(),
    )
