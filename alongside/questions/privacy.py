"""What the questions app holds about a member: their questions, answers and helpful marks."""

from alongside.questions.models import Answer, HelpfulVote, Question


def export(user) -> dict:
    return {
        "questions": [
            {"title": q.title, "details": q.body, "at": q.created_at.isoformat()}
            for q in Question.objects.filter(author=user)
        ],
        "answers": [
            {"question": a.question_id, "answer": a.body, "at": a.created_at.isoformat()}
            for a in Answer.objects.filter(author=user)
        ],
        "helpful_marks": list(
            HelpfulVote.objects.filter(user=user).values_list("answer_id", flat=True)
        ),
    }
