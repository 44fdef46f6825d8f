"""The moderation desk as a volunteer uses it: alerts, several actions per entry, the log,
filters and paging, and what members are told."""

import re

import pytest
from django.core import mail

from alongside.communities.models import StaffRole
from alongside.communities.services import membership_create, membership_staff_role_set
from alongside.conversations.models import Update
from alongside.conversations.services import update_create
from alongside.moderation.models import Report, ReportStatus, Suspension
from alongside.moderation.selectors import QUEUE_PAGE_SIZE
from alongside.moderation.services import report_create
from alongside.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db

CRISIS = "Some days I want to die, honestly."


def _post(author, community, body="An ordinary update about my week."):
    return update_create(author=author, community=community, body=body)


def _reported(trusted, community, body="Buy my miracle cure", reason="spam"):
    post = _post(trusted(), community, body)
    report_create(reporter=trusted(), community=community, target=post, reason=reason)
    return post


def test_it_alerts_every_moderator_of_the_community_at_once_on_a_crisis_post(
    community, other_community, trusted, moderator, make_member, django_capture_on_commit_callbacks
):
    admin = make_member(staff_role=StaffRole.ADMIN)
    elsewhere = make_member(other_community, staff_role=StaffRole.MODERATOR)
    author = trusted(display_name="Rowan")
    with django_capture_on_commit_callbacks(execute=True):
        _post(author, community, CRISIS)
    alerted = set(
        Notification.objects.filter(kind=Kind.DESK_ALERT).values_list("recipient", flat=True)
    )
    assert alerted == {moderator.pk, admin.pk} and elsewhere.pk not in alerted
    subjects = sorted(message.subject for message in mail.outbox if message.to != [author.email])
    assert len(subjects) == 2
    for subject in subjects:
        assert "needs a moderator now" in subject
        assert "die" not in subject.lower() and "Rowan" not in subject


def test_it_alerts_moderators_when_a_member_reports_someone_at_risk(community, trusted, moderator):
    post = _post(trusted(), community)
    report_create(reporter=trusted(), community=community, target=post, reason="self_harm")
    assert Notification.objects.get(kind=Kind.DESK_ALERT).recipient == moderator


def test_the_moderation_link_counts_the_waiting_entries(community, trusted, moderator, client_for):
    _reported(trusted, community)
    _reported(trusted, community, body="Another advert")
    assert "Moderation (2)" in client_for(moderator).get("/feed/").content.decode()


def test_a_crisis_entry_offers_reaching_out_first_with_the_communitys_guidance(
    community, trusted, moderator, client_for
):
    community.crisis_resources = "Call the Samaritans-style line on 000 000."
    community.save()
    _post(trusted(), community, CRISIS)
    page = client_for(moderator).get("/moderation/").content.decode()
    entry = page[page.index('class="card queue-entry') :]
    first_button = re.search(r"<button[^>]*>([^<]+)</button>", entry).group(1)
    assert first_button == "Reach out to the member"
    assert "000 000" in page


def test_it_hides_a_post_and_suspends_its_author_before_closing_the_report(
    community, trusted, moderator, client_for
):
    post = _reported(trusted, community)
    desk = client_for(moderator)
    base = {"label": "conversations.update", "pk": post.pk}
    desk.post("/moderation/act/", {**base, "action": "hide", "note": "An advert."})
    desk.post("/moderation/act/", {**base, "action": "suspend", "note": "Adverts.", "days": 3})
    assert Report.objects.get().status == ReportStatus.OPEN
    assert Update.objects.get(pk=post.pk).visibility == "hidden"
    assert Suspension.objects.get().user == post.author
    desk.post("/moderation/act/", {**base, "action": "resolve", "note": "Hidden, suspended."})
    assert Report.objects.get().status == ReportStatus.RESOLVED
    log = desk.get("/moderation/log/").content.decode()
    assert post.author.profile.display_name in log and post.get_absolute_url() in log
    assert "Hidden, suspended." in log and "An advert." in log


def test_each_action_returns_to_the_next_entry_and_says_what_it_did(
    community, trusted, moderator, client_for
):
    first = _reported(trusted, community, body="First advert")
    second = _reported(trusted, community, body="Second advert")
    response = client_for(moderator).post(
        "/moderation/act/",
        {
            "label": "conversations.update",
            "pk": first.pk,
            "action": "dismiss",
            "next_anchor": f"entry-conversations-update-{second.pk}",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith(f"#entry-conversations-update-{second.pk}")
    page = response.content.decode()
    landed = page[page.index(f'id="entry-conversations-update-{second.pk}"') :]
    message = landed[: landed.index("</div>")]
    assert "Closed the report on the update by " in message and ": no action needed." in message
    assert first.author.profile.display_name in page
    assert "First advert" not in page and "Second advert" in page


def test_the_queue_filters_by_risk_and_pages_by_cursor(community, trusted, moderator, client_for):
    for number in range(QUEUE_PAGE_SIZE + 2):
        _reported(trusted, community, body=f"Advert number {number}")
    _post(trusted(), community, CRISIS)
    desk = client_for(moderator)
    high = desk.get("/moderation/?risk=3").content.decode()
    assert high.count('class="card queue-entry') == 1 and "Advert number" not in high
    first = desk.get("/moderation/").content.decode()
    assert first.count('class="card queue-entry') == QUEUE_PAGE_SIZE
    assert "13 entries waiting" in first
    after = re.search(r'href="\?after=([^"]+)"', first).group(1).replace("&amp;", "&")
    rest = desk.get(f"/moderation/?after={after}").content.decode()
    assert rest.count('class="card queue-entry') == 3 and "Advert number 11" in rest
    assert desk.get("/moderation/?age=week").content.decode().count("queue-entry risk") == 0


def _entries(html: str) -> int:
    return html.count('class="card queue-entry')


def _next_link(html: str) -> str:
    return re.search(r'href="(\?[^"]*after=[^"]+)"', html).group(1).replace("&amp;", "&")


def test_the_filter_form_is_a_get_form_of_selects_and_paging_keeps_the_filters(
    community, trusted, moderator, client_for
):
    for number in range(QUEUE_PAGE_SIZE + 2):
        _reported(trusted, community, body=f"Unkind words {number}", reason="harassment")
    _reported(trusted, community, body="An advert")
    desk = client_for(moderator)
    page = desk.get("/moderation/").content.decode()
    start = page.index('aria-label="Filter the queue"')
    form = page[start : page.index("</form>", start)]
    for name in ("kind", "risk", "age"):
        assert f'<select id="filter-{name}" name="{name}">' in form
    assert '<option value="conversations.update">Update</option>' in form
    first = desk.get("/moderation/?risk=2&kind=conversations.update&age=").content.decode()
    assert _entries(first) == QUEUE_PAGE_SIZE and "An advert" not in first
    link = _next_link(first)
    assert "risk=2" in link and "kind=conversations.update" in link
    rest = desk.get(f"/moderation/{link}").content.decode()
    assert _entries(rest) == 2 and "An advert" not in rest
    assert '<option value="2" selected>' in rest


def test_an_action_on_a_later_page_returns_to_that_page_with_its_filters(
    community, trusted, moderator, client_for
):
    posts = [
        _reported(trusted, community, body=f"Unkind words {n}", reason="harassment")
        for n in range(QUEUE_PAGE_SIZE + 2)
    ]
    desk = client_for(moderator)
    link = _next_link(desk.get("/moderation/?risk=2").content.decode())
    after = link.split("after=")[1].split("&")[0]
    acted, following = posts[QUEUE_PAGE_SIZE], posts[QUEUE_PAGE_SIZE + 1]
    response = desk.post(
        "/moderation/act/",
        {
            "label": "conversations.update",
            "pk": acted.pk,
            "action": "dismiss",
            "risk": "2",
            "after": after,
            "next_anchor": f"entry-conversations-update-{following.pk}",
        },
        follow=True,
    )
    landed = response.redirect_chain[-1][0]
    assert "risk=2" in landed and f"after={after}" in landed.replace("%7E", "~")
    assert landed.endswith(f"#entry-conversations-update-{following.pk}")
    html = response.content.decode()
    assert "Closed the report on the update by" in html and ": no action needed." in html
    assert f"Unkind words {QUEUE_PAGE_SIZE + 1}" in html and _entries(html) == 1


def test_the_community_filter_lists_only_the_communities_the_moderator_moderates(
    community, other_community, trusted, moderator, make_member, client_for
):
    desk = client_for(moderator)
    assert 'name="community"' not in desk.get("/moderation/").content.decode()
    assert desk.get(f"/moderation/?community={other_community.slug}").status_code == 404
    membership_staff_role_set(
        membership=membership_create(user=moderator, community=other_community),
        staff_role=StaffRole.MODERATOR,
    )
    make_member(
        other_community, staff_role=StaffRole.MODERATOR
    )  # moderates only the other community
    page = desk.get("/moderation/").content.decode()
    select = page[page.index('<select id="filter-community"') :]
    select = select[: select.index("</select>")]
    assert select.count("<option") == 2
    assert f'value="{community.slug}" selected' in select and other_community.name in select
    moved = desk.get(f"/moderation/?community={other_community.slug}&risk=3&kind=")
    assert moved.status_code == 302
    assert moved.url == f"{other_community.site.root_url}/moderation/?risk=3"


def test_warn_and_suspend_are_offered_only_where_there_is_a_member(
    community, trusted, moderator, client_for
):
    _reported(trusted, community)
    page = client_for(moderator).get("/moderation/").content.decode()
    assert "Warn the member" in page and "Block this guest" not in page


def test_the_author_of_a_hidden_post_is_told_what_happened_and_why(
    community, trusted, moderator, client_for
):
    post = _reported(trusted, community)
    client_for(moderator).post(
        "/moderation/act/",
        {"label": "conversations.update", "pk": post.pk, "action": "hide", "note": "No adverts."},
    )
    author = client_for(post.author)
    own = author.get(post.get_absolute_url()).content.decode()
    assert "A moderator hid this: other members no longer see it." in own
    assert "Waiting for a moderator" not in own
    notices = author.get("/notifications/").content.decode()
    assert "A moderator hid your update from" in notices and "No adverts." in notices


def test_a_suspended_member_sees_the_end_date_before_typing(
    community, trusted, moderator, client_for
):
    post = _reported(trusted, community)
    client_for(moderator).post(
        "/moderation/act/",
        {
            "label": "conversations.update",
            "pk": post.pk,
            "action": "suspend",
            "note": "Please stop posting adverts.",
            "days": 5,
        },
    )
    until = Suspension.objects.get().until
    feed = client_for(post.author).get("/feed/").content.decode()
    notice = feed.index("A moderator paused your posting here until")
    assert f"{until:%-d %B %Y}" in feed and "Please stop posting adverts." in feed
    assert notice < feed.index("<textarea")


@pytest.mark.parametrize("route", ["/moderation/", "/moderation/log/"])
def test_outsiders_cannot_open_the_desk(route, community, other_community, make_member, client_for):
    assert client_for().get(route).status_code == 302
    assert client_for(make_member()).get(route).status_code == 404
    assert (
        client_for(make_member(other_community, staff_role=StaffRole.MODERATOR))
        .get(route)
        .status_code
        == 404
    )
