"""Demo moderation: established demo accounts, one held post and one open report."""

from django.contrib.contenttypes.models import ContentType

from alongside.communities.models import Membership
from alongside.core.models import Visibility
from alongside.demo.questions import demo_people
from alongside.moderation.models import Reason, Report
from alongside.moderation.services import report_create
from alongside.questions.models import Answer, Question
from alongside.questions.services import answer_create, question_create

HELD_TITLE = "Has anyone tried a cooling vest?"
HELD_BODY = "I am new here. Thinking of buying one before summer: worth the money?"
DOUBTFUL = (
    "Low-dose naltrexone cured my MS completely, so I stopped my other treatment. "
    "You should all do the same."
)


def moderation_demo(*, communities, stdout) -> None:
    ms = communities[0]
    people = demo_people(ms)
    if len(people) < 7:
        stdout.write("Moderation demo skipped: load the demo members first.")
        return
    # The named demo log-ins are established members whose posts publish straight away.
    Membership.objects.filter(
        community=ms, user__in=[people[key] for key in ("member", "carer", "moderator")]
    ).update(trust_level=1)
    _held_question(ms, people["member4"])
    _open_report(ms, people)
    stdout.write("Moderation: one held question and one open report for the demo moderator.")


def _held_question(community, author) -> None:
    if not Question.objects.filter(community=community, title=HELD_TITLE).exists():
        question_create(
            author=author,
            community=community,
            title=HELD_TITLE,
            body=HELD_BODY,
            visibility=Visibility.PENDING,
        )


def _open_report(community, people) -> None:
    question = Question.objects.filter(
        community=community, title="What are the side effects?"
    ).first()
    if question is None:
        return
    answer = Answer.objects.filter(question=question, body=DOUBTFUL).first()
    if answer is None:
        answer = answer_create(author=people["member3"], question=question, body=DOUBTFUL)
    reported = Report.objects.filter(
        target_type=ContentType.objects.get_for_model(Answer),
        target_id=answer.pk,
        reporter=people["member"],
    )
    if not reported.exists():
        report_create(
            reporter=people["member"],
            community=community,
            target=answer,
            reason=Reason.MISINFORMATION,
            details="This could make someone stop a treatment that works for them.",
        )
