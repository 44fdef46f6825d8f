import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.conversations.models import Comment
from alongside.questions.models import Answer, Question
from alongside.questions.services import answer_create, question_create

pytestmark = pytest.mark.django_db


def test_without_javascript_the_preview_step_shows_similar_questions_first(
    community, trusted, client_for
):
    question_create(author=trusted(), community=community, title="What are the side effects?")
    client = client_for(trusted())
    preview = client.post("/questions/ask/", {"title": "LDN side effects", "body": "Dreams?"})
    page = preview.content.decode()
    assert "Similar questions already asked" in page and "What are the side effects?" in page
    assert 'name="previewed"' in page and "Dreams?" in page
    assert Question.objects.count() == 1
    posted = client.post(
        "/questions/ask/", {"title": "LDN side effects", "body": "Dreams?", "previewed": "1"}
    )
    created = Question.objects.get(title="LDN side effects")
    assert posted["Location"] == created.get_absolute_url()


def test_suggestions_while_typing_come_as_a_partial_that_skips_the_preview(
    community, trusted, client_for
):
    question_create(author=trusted(), community=community, title="Do you start at 4.5 for MS?")
    response = client_for().get(
        "/questions/similar/", {"title": "start 4.5"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "Do you start at 4.5 for MS?" in page and "<html" not in page
    assert 'name="previewed" value="1" form="ask-form"' in page


def test_an_empty_question_keeps_what_was_typed(community, trusted, client_for):
    response = client_for(trusted()).post("/questions/ask/", {"body": "Some details"})
    assert response.status_code == 400
    assert "Some details" in response.content.decode()


def test_members_read_details_and_answers_visitors_only_the_title(community, trusted, client_for):
    question = question_create(
        author=trusted(), community=community, title="Heat?", body="Summer is hard."
    )
    answer_create(author=trusted(), question=question, body="Cool showers.")
    public = client_for().get(question.get_absolute_url()).content.decode()
    assert "Heat?" in public and "1 answer" in public
    assert "Summer is hard." not in public and "Cool showers." not in public
    assert "An Alongside MS member" in public
    member_page = client_for(trusted()).get(question.get_absolute_url()).content.decode()
    assert "Summer is hard." in member_page and "Cool showers." in member_page


def test_an_answer_and_a_comment_on_it_are_posted_from_the_question_page(
    community, trusted, client_for
):
    question = question_create(author=trusted(), community=community, title="Heat?")
    client = client_for(trusted())
    client.post(f"/questions/{question.pk}/answers/", {"body": "A frozen bottle."})
    answer = Answer.objects.get()
    client.post(f"/answers/{answer.pk}/comments/", {"body": "Great idea"})
    assert Comment.objects.get().answer == answer
    page = client.get(question.get_absolute_url()).content.decode()
    assert "A frozen bottle." in page and "Great idea" in page


def test_an_empty_answer_keeps_the_page_and_says_why(community, trusted, client_for):
    question = question_create(author=trusted(), community=community, title="Heat?")
    response = client_for(trusted()).post(f"/questions/{question.pk}/answers/", {"body": " "})
    assert response.status_code == 400
    assert "Write your answer first." in response.content.decode()


def test_helpful_with_htmx_returns_the_updated_button(community, trusted, client_for):
    question = question_create(author=trusted(), community=community, title="Heat?")
    answer = answer_create(author=trusted(), question=question, body="Fans.")
    response = client_for(trusted()).post(
        f"/answers/{answer.pk}/helpful/", headers={"HX-Request": "true"}
    )
    assert 'aria-pressed="true"' in response.content.decode()
    assert Answer.objects.get().helpful_count == 1


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_question_page_runs_the_same_queries_with_10_and_1000_answers(
    community, trusted, client_for
):
    question = question_create(author=trusted(), community=community, title="Heat?")
    authors = [trusted() for _ in range(5)]
    _answers(question, authors, 10)
    viewer = client_for(trusted())
    viewer.get(question.get_absolute_url())  # warm the community-by-host cache
    small = _page_queries(viewer, question.get_absolute_url())
    _answers(question, authors, 990)
    large = _page_queries(viewer, question.get_absolute_url())
    assert small == large <= 12


def _answers(question, authors, count) -> None:
    Answer.objects.bulk_create(
        Answer(
            question=question,
            community=question.community,
            author=authors[n % len(authors)],
            body=f"Answer {n}",
        )
        for n in range(count)
    )
    first = Answer.objects.filter(question=question).first()
    Comment.objects.create(community=question.community, answer=first, author=authors[0], body="Hi")


def test_a_member_sees_their_own_held_question_in_the_list_marked_as_waiting(
    community, make_member, client_for
):
    from alongside.core.models import Visibility

    author, other = make_member(), make_member()
    question_create(
        author=author,
        community=community,
        title="Is a cooling vest worth it?",
        visibility=Visibility.PENDING,
    )
    own = client_for(author).get("/questions/").content.decode()
    assert "Is a cooling vest worth it?" in own
    held = own.split('id="held-title"')[1].split("</section>")[0]
    assert "Is a cooling vest worth it?" in held and "Waiting for a moderator" in held
    for viewer in (client_for(other), client_for()):
        assert "Is a cooling vest worth it?" not in viewer.get("/questions/").content.decode()
