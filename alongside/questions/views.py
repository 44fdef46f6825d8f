import contextlib

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.communities.access import member_required
from alongside.communities.selectors import is_member
from alongside.core.models import Visibility
from alongside.moderation.notices import crisis_notice_add, held_notice_add
from alongside.questions import selectors, services
from alongside.questions.forms import AnswerForm, CommentForm, QuestionForm


def question_list(request):
    listing = selectors.question_list_for(
        community=request.community,
        before=request.GET.get("before"),
        topic=request.GET.get("topic", ""),
    )
    if request.htmx and request.GET.get("before"):
        return render(request, "questions/includes/question_items.html", {"listing": listing})
    held = []
    if not request.GET.get("before"):
        held = selectors.questions_held_for(viewer=request.user, community=request.community)
    return render(request, "questions/question_list.html", {"listing": listing, "held": held})


def question_similar(request):
    similar = selectors.similar_questions(
        community=request.community, title=request.GET.get("title", "")[:200]
    )
    return render(request, "questions/includes/similar.html", {"similar": similar})


@member_required
def question_ask(request):
    form = QuestionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _ask_page(request, form)
    if not request.POST.get("previewed"):
        # Suggestions fetched while typing add "previewed" to the form; without JavaScript
        # nobody saw them yet, so show them before posting.
        return _ask_page(request, form, previewing=True)
    try:
        posted = services.question_ask(
            author=request.user, community=request.community, **form.cleaned_data
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _ask_page(request, form)
    return _after_post(request, posted, posted.item.get_absolute_url())


def _ask_page(request, form, *, previewing: bool = False):
    similar = []
    if previewing:
        similar = selectors.similar_questions(
            community=request.community, title=form.cleaned_data["title"]
        )
    context = {"form": form, "previewing": previewing, "similar": similar}
    return render(
        request, "questions/question_ask.html", context, status=400 if form.errors else 200
    )


def _after_post(request, posted, url: str):
    if posted.crisis:
        crisis_notice_add(request)
    if posted.item.visibility == Visibility.PENDING:
        held_notice_add(request)
    return redirect(url)


def question_detail(request, pk: int):
    if not is_member(user=request.user, community=request.community):
        question = selectors.question_public_get(pk=pk, community=request.community)
        return render(request, "questions/question_public.html", {"question": question})
    return _detail_page(request, pk)


def _detail_page(request, pk: int, *, answer_form=None, comment_form=None, comment_on=None):
    page = selectors.question_page_for(
        viewer=request.user, pk=pk, community=request.community, after=request.GET.get("after")
    )
    context = {
        "page": page,
        "question": page.question,
        "answer_form": answer_form or AnswerForm(),
        "comment_form": comment_form,
        "comment_on": comment_on,
    }
    failed = (answer_form and answer_form.errors) or (comment_form and comment_form.errors)
    return render(request, "questions/question_detail.html", context, status=400 if failed else 200)


@member_required
@require_POST
def answer_create(request, pk: int):
    question = selectors.question_get_for(viewer=request.user, pk=pk, community=request.community)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            posted = services.answer_post(
                author=request.user, question=question, body=form.cleaned_data["body"]
            )
            return _after_post(request, posted, posted.item.get_absolute_url())
        except ValidationError as error:
            form.add_error(None, error)
    return _detail_page(request, pk, answer_form=form)


@member_required
@require_POST
def answer_helpful(request, pk: int):
    answer = selectors.answer_get_for(viewer=request.user, pk=pk, community=request.community)
    try:
        answer.marked_helpful = services.helpful_toggle(user=request.user, answer=answer)
    except ValidationError:
        return redirect(answer.get_absolute_url())
    if request.htmx:
        answer.refresh_from_db(fields=["helpful_count"])
        return render(request, "questions/includes/helpful.html", {"answer": answer})
    return redirect(answer.get_absolute_url())


@member_required
@require_POST
def best_answer(request, pk: int):
    question = selectors.question_get_for(viewer=request.user, pk=pk, community=request.community)
    answer_pk = request.POST.get("answer", "")
    answer = None
    if answer_pk.isdigit():
        answer = selectors.answer_get_for(
            viewer=request.user, pk=int(answer_pk), community=request.community
        )
    with contextlib.suppress(ValidationError):
        services.best_answer_set(by=request.user, question=question, answer=answer)
    return redirect(question.get_absolute_url())


@member_required
@require_POST
def answer_comment(request, pk: int):
    answer = selectors.answer_get_for(viewer=request.user, pk=pk, community=request.community)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            posted = services.answer_comment_post(
                author=request.user, answer=answer, body=form.cleaned_data["body"]
            )
            return _after_post(request, posted, posted.item.get_absolute_url())
        except ValidationError as error:
            form.add_error(None, error)
    return _detail_page(request, answer.question_id, comment_form=form, comment_on=answer.pk)
