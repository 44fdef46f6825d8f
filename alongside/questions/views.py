from django.shortcuts import get_object_or_404, render

from alongside.core.models import Visibility
from alongside.questions.models import Question


def question_detail(request, pk: int):
    """Interim page: the public face of a question (title and answer count)."""
    question = get_object_or_404(
        Question, pk=pk, community=request.community, visibility=Visibility.PUBLISHED
    )
    return render(request, "questions/question_public.html", {"question": question})
