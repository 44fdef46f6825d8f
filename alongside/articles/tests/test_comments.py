import datetime
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail

from alongside.articles import services
from alongside.articles.models import ArticleComment, Guest
from alongside.communities.selectors import membership_for
from alongside.communities.services import membership_update
from alongside.core import moderation
from alongside.core.models import Visibility
from alongside.testing import pictures

pytestmark = pytest.mark.django_db


def _comment_url(article):
    return f"/articles/{article.pk}/comments/"


def _trusted(member, community):
    membership_update(membership=membership_for(user=member, community=community), trust_level=1)
    member.__dict__.pop("_memberships", None)
    return member


def _confirmed_guest_client(client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/articles/{article.pk}/guest/", {"name": "Alex", "email": "alex@example.org"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/confirm/" in line)
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302
    return client


def test_a_trusted_member_comments_and_it_shows_as_an_anonymous_member(
    client_for, article, community, make_member
):
    member = _trusted(make_member(display_name="Rowan"), community)
    reader = client_for(member)
    response = reader.post(_comment_url(article), {"text": "Started at 1.5 mg."}, follow=True)
    html = response.content.decode()
    assert "your comment is published" in html
    assert "Started at 1.5 mg." in html
    comment = ArticleComment.objects.get(text="Started at 1.5 mg.")
    assert comment.author == member and comment.visibility == Visibility.PUBLISHED
    assert "Rowan" not in html.split('id="comments"')[1]


def test_a_new_member_waits_for_a_moderator(client_for, article, make_member):
    member = make_member()
    client_for(member).post(_comment_url(article), {"text": "First words"})
    assert ArticleComment.objects.get(text="First words").visibility == Visibility.PENDING


def test_an_empty_comment_gets_a_clear_message_and_keeps_nothing_lost(
    client_for, article, make_member
):
    response = client_for(make_member()).post(_comment_url(article), {"text": "   "})
    assert response.status_code == 400
    assert "a comment needs text or a picture" in response.content.decode()
    assert not ArticleComment.objects.filter(article=article, text="").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pictures.renamed_pdf, "is not a JPEG, PNG, WebP or HEIC picture"),
        (pictures.oversized, "the limit is"),
    ],
)
def test_a_bad_picture_gets_a_clear_message_and_the_text_is_kept(
    client_for, article, make_member, upload, message
):
    response = client_for(make_member()).post(
        _comment_url(article), {"text": "My words stay", "picture": upload()}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "My words stay</textarea>" in html
    assert not ArticleComment.objects.filter(text="My words stay").exists()


def test_a_picture_alone_is_a_comment(client_for, article, community, make_member):
    member = _trusted(make_member(), community)
    client_for(member).post(_comment_url(article), {"text": "", "picture": pictures.png()})
    comment = ArticleComment.objects.get(author=member)
    assert comment.picture and comment.text == ""


def test_a_member_of_another_community_cannot_comment(
    client_for, article, other_community, make_member
):
    outsider = make_member(other_community)
    client_for(outsider).post(_comment_url(article), {"text": "Hello"})
    assert not ArticleComment.objects.filter(text="Hello").exists()


def test_a_visitor_cannot_comment_without_confirming_an_email(client, article):
    response = client.post(_comment_url(article), {"text": "Spam"}, follow=True)
    assert "Confirm your email address or log in to comment" in response.content.decode()
    assert not ArticleComment.objects.filter(text="Spam").exists()


def test_a_confirmed_guest_reads_and_posts_a_comment_that_waits_for_a_moderator(
    client, article, django_capture_on_commit_callbacks
):
    guest_client = _confirmed_guest_client(client, article, django_capture_on_commit_callbacks)
    html = guest_client.get(article.url).content.decode()
    assert "This helped me understand my options." in html
    guest_client.post(_comment_url(article), {"text": "Guest words"})
    comment = ArticleComment.objects.get(text="Guest words")
    assert comment.guest.email == "alex@example.org"
    assert comment.visibility == Visibility.PENDING
    assert Guest.objects.get(email="alex@example.org").verified_at is not None


def test_an_approved_guest_comment_appears_for_members(
    client, client_for, article, make_member, django_capture_on_commit_callbacks
):
    guest_client = _confirmed_guest_client(client, article, django_capture_on_commit_callbacks)
    guest_client.post(_comment_url(article), {"text": "Guest words"})
    comment = ArticleComment.objects.get(text="Guest words")
    member_client = client_for(make_member())
    assert "Guest words" not in member_client.get(article.url).content.decode()
    registered = moderation.for_model("articles.articlecomment")
    registered.approve(comment, moderator=None)
    assert "Guest words" in member_client.get(article.url).content.decode()


def test_a_rejected_comment_stays_hidden(article, community):
    comment = ArticleComment.objects.create(
        article=article, community=community, text="No", visibility=Visibility.PENDING
    )
    moderation.for_model("articles.articlecomment").reject(comment, moderator=None, note="Spam")
    comment.refresh_from_db()
    assert comment.visibility == Visibility.REJECTED and comment.moderation_note == "Spam"


def test_an_expired_confirmation_link_says_so(client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/articles/{article.pk}/guest/", {"name": "Alex", "email": "alex@example.org"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/confirm/" in line)
    later = datetime.datetime.now().timestamp() + services.GUEST_LINK_MAX_AGE + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(urlsplit(link).path)
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()


def test_an_invalid_email_gets_a_clear_message_and_the_name_is_kept(client, article):
    response = client.post(f"/articles/{article.pk}/guest/", {"name": "Alex", "email": "alex@"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address" in html and 'value="Alex"' in html
    assert not Guest.objects.exists()


def test_the_honeypot_quietly_drops_a_bot(client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/articles/{article.pk}/guest/",
            {"name": "Bot", "email": "bot@example.org", "website": "http://spam"},
        )
    assert mail.outbox == [] and not Guest.objects.exists()


def test_guests_are_rate_limited_per_ip(client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(12):
            client.post(
                f"/articles/{article.pk}/guest/",
                {"name": "Al", "email": f"al{number}@example.org"},
            )
    assert len(mail.outbox) == 10 and Guest.objects.count() == 10


def test_the_captcha_is_asked_when_switched_on(client, article, settings):
    settings.CAPTCHA_PROVIDER = "turnstile"
    settings.CAPTCHA_SITE_KEY = "site-key"
    with mock.patch("alongside.articles.captcha._verified", return_value=False):
        response = client.post(
            f"/articles/{article.pk}/guest/", {"name": "Al", "email": "al@example.org"}
        )
    assert response.status_code == 400
    assert "Please complete the check." in response.content.decode()


def test_the_captcha_is_off_by_default(client, article):
    assert "cf-turnstile" not in client.get(article.url).content.decode()


def test_erasure_anonymises_or_deletes_a_members_comments(article, community, make_member):
    member = make_member()
    ArticleComment.objects.create(article=article, community=community, author=member, text="a")
    services.comments_erase(member, keep_posts=True)
    assert ArticleComment.objects.get(text="a").author is None
    ArticleComment.objects.create(article=article, community=community, author=member, text="b")
    services.comments_erase(member, keep_posts=False)
    assert not ArticleComment.objects.filter(text="b").exists()


def test_an_article_of_another_community_cannot_be_commented_from_this_site(
    client_for, article, other_community, make_member
):
    ra_member = make_member(other_community)
    response = client_for(ra_member, host="ra.localhost").post(
        _comment_url(article), {"text": "Across sites"}
    )
    assert response.status_code == 404
    assert not ArticleComment.objects.filter(text="Across sites").exists()


def test_crisis_language_shows_resources_at_once_and_tops_the_queue(
    client_for, article, community, make_member
):
    from alongside.moderation.models import Report, Risk

    community.crisis_resources = "Call the Samaritans on 116 123, any time."
    community.save()
    member = _trusted(make_member(), community)
    text = "Some nights I want to end my life."
    page = client_for(member).post(_comment_url(article), {"text": text}, follow=True)
    assert "Call the Samaritans on 116 123, any time." in page.content.decode()
    comment = ArticleComment.objects.get(text=text)
    report = Report.objects.get(target_id=comment.pk, is_automatic=True)
    assert report.risk == Risk.HIGH and report.community == community
    api = client_for(member).post(
        f"/api/v1/articles/{article.slug}/comments",
        {"text": "I want to end my life tonight."},
        content_type="application/json",
    )
    assert api.status_code == 201 and "116 123" in api.json()["crisis_resources"]


def test_the_guest_link_uses_the_address_the_guest_is_reading_at(
    article, django_capture_on_commit_callbacks
):
    from django.test import Client

    client = Client(HTTP_HOST="localhost:8107")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/articles/{article.pk}/guest/", {"name": "Alex", "email": "alex@example.org"}
        )
    assert response["Location"].endswith("#feedback-comments")
    message = mail.outbox[-1]
    assert "http://localhost:8107/articles/guest/confirm/" in message.body
    assert "Alongside MS" in message.subject
    html = message.alternatives[0][0]
    assert "Alongside MS" in html and "http://localhost:8107/articles/guest/confirm/" in html


def test_check_your_inbox_shows_by_the_comments_not_at_the_top(
    client, article, django_capture_on_commit_callbacks
):
    response = client.post(
        f"/articles/{article.pk}/guest/",
        {"name": "Alex", "email": "alex@example.org"},
        follow=True,
    )
    html = response.content.decode()
    top, comments = html.split('id="comments"')
    assert "Check your inbox" not in top
    assert 'id="feedback-comments"' in comments and "Check your inbox" in comments
    assert 'role="status"' in comments.split("Check your inbox")[0]


def test_a_refused_comment_reopens_at_the_form(client_for, article, make_member):
    response = client_for(make_member()).post(_comment_url(article), {"text": "   "})
    html = response.content.decode()
    assert f'action="/articles/{article.pk}/comments/#comment-form"' in html
    assert html.count('id="comment-form"') == 1
