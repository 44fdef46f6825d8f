"""One voice: every account page in the site's layout and words, every email written for the
site, naming the community, HTML with a plain-text part, links on the address in use."""

import gettext
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client, TestCase

pytestmark = pytest.mark.django_db

# allauth's own words where the site says otherwise.
FOREIGN = (
    "Sign In",
    "Sign Up",
    "Sign Out",
    "Signup",
    "sign in",
    "Remember Me",
    "Verify Your Email Address",
    "Email Addresses",
    "Change Password",
    "Password Reset",
    "Two-Factor Authentication",
    "Authenticator App",
    "Security Keys",
    "Recovery Codes",
)
VISITOR_PAGES = (
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
)
MEMBER_PAGES = (
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/webauthn/",
    "/accounts/logout/",
)


def _visible_text(html: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def _assert_our_voice(response, path: str) -> None:
    assert response.status_code == 200, path
    html = response.content.decode()
    assert 'class="site-header"' in html, f"{path} is not in the site's layout"
    text = _visible_text(html)
    spoken = [words for words in FOREIGN if re.search(rf"\b{words}\b", text)]
    assert spoken == [], f"{path} says {spoken}"


def test_every_account_page_for_visitors_speaks_with_the_sites_voice(community, client_for):
    client = client_for()
    for path in VISITOR_PAGES:
        _assert_our_voice(client.get(path), path)


def test_every_account_page_for_members_speaks_with_the_sites_voice(
    community, make_member, client_for
):
    client = client_for(make_member())
    for path in MEMBER_PAGES:
        _assert_our_voice(client.get(path), path)


def test_the_log_in_and_sign_up_pages_help_in_plain_words(community, client_for):
    login = client_for().get("/accounts/login/").content.decode()
    assert "<h1>" in login and "Log in" in login and "Trouble logging in?" in login
    assert "Keep me logged in on this device" in login
    signup = client_for().get("/accounts/signup/").content.decode()
    assert "What happens next" in signup and "Already a member?" in signup


def _sign_up(host: str, email: str):
    client = Client(HTTP_HOST=host)
    password = "three words remembered 42"
    data = {"email": email, "password1": password, "password2": password}
    with TestCase.captureOnCommitCallbacks(execute=True):  # emails leave after commit
        return client.post("/accounts/signup/", data)


def test_the_confirmation_email_names_the_community_and_links_to_the_address_in_use(community):
    response = _sign_up("localhost:8107", "newcomer@example.org")
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "Confirm your email address for Alongside MS"
    assert message.body.startswith("Hello,") and "Hello from" not in message.body
    assert "signed up to Alongside MS" in message.body
    link = re.search(r"http://\S+/accounts/confirm-email/\S+", message.body).group(0)
    assert link.startswith("http://localhost:8107/accounts/confirm-email/")
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "Alongside MS" in html and f'href="{link}"' in html
    assert "Confirm my email address" in html


def test_the_other_community_sends_in_its_own_name(other_community):
    _sign_up("ra.localhost:8107", "ra-newcomer@example.org")
    message = mail.outbox[-1]
    assert "Alongside RA" in message.subject
    assert "http://ra.localhost:8107/accounts/confirm-email/" in message.body


def test_a_password_reset_email_is_the_sites_own(community, make_member):
    member = make_member()
    EmailAddress.objects.filter(user=member).update(verified=True)
    with TestCase.captureOnCommitCallbacks(execute=True):  # emails leave after commit
        Client(HTTP_HOST="localhost:8107").post(
            "/accounts/password/reset/", {"email": member.email}
        )
    message = mail.outbox[-1]
    assert message.subject == "Choose a new password for Alongside MS"
    assert "http://localhost:8107/accounts/password/reset/key/" in message.body
    assert message.alternatives and "Alongside MS" in message.alternatives[0][0]


def test_the_compiled_words_match_their_source():
    folder = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
    source = (folder / "django.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', source, flags=re.M)
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    unescape = lambda text: text.replace('\\"', '"').replace("\\\\", "\\")  # noqa: E731
    assert pairs and all(catalogue.gettext(unescape(a)) == unescape(b) for a, b in pairs)
