"""Bad input gets a clear message, and nothing the person typed is lost."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from alongside.testing import pictures
from alongside.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_invalid_sign_up_explains_and_keeps_the_email(community, client_for):
    response = client_for().post(
        "/accounts/signup/",
        {"email": "kim@example.org", "password1": "short", "password2": "different"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="kim@example.org"' in page
    assert "too short" in page or "must contain at least" in page
    assert 'aria-invalid="true"' in page


def test_a_malformed_email_is_refused_with_a_message(community, client_for):
    response = client_for().post(
        "/accounts/signup/",
        {"email": "kim at example", "password1": "x" * 12 + "Y1", "password2": "x" * 12 + "Y1"},
    )
    assert "Enter a valid email address" in response.content.decode()
    assert 'value="kim at example"' in response.content.decode()


def test_a_duplicate_email_does_not_create_a_second_account_or_reveal_the_first(
    community, make_member, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    existing = make_member()
    password = "a long and unusual passphrase"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for().post(
            "/accounts/signup/",
            {"email": existing.email, "password1": password, "password2": password},
        )
    # Enumeration is prevented: the page looks like success, and the owner is told by email.
    assert response.status_code == 302
    assert type(existing).objects.filter(email=existing.email).count() == 1
    assert "already" in mailoutbox[-1].body.lower()


def test_a_wrong_totp_code_is_refused_and_a_right_one_lets_the_member_in(
    community, make_member, client_for
):
    user = make_member()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = client_for()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and "2fa/authenticate" in response["Location"]
    wrong = client.post(response["Location"], {"code": "000000"})
    assert "Incorrect code" in wrong.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pictures.oversized, "the limit is 20"),
        (pictures.renamed_pdf, "not a JPEG, PNG, WebP or HEIC"),
        (pictures.png_html_polyglot, "web page code"),
    ],
)
def test_a_bad_profile_picture_explains_why_and_keeps_the_rest_of_the_form(
    community, make_member, client_for, upload, message
):
    user = make_member(display_name="Rowan")
    response = client_for(user).post(
        "/settings/profile/",
        {
            "about-display_name": "Rowan Typed This",
            "about-about": "Words I wrote carefully",
            "about-region": "Fife",
            "picture-avatar": upload(),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Rowan Typed This"' in page and "Words I wrote carefully" in page
    user.profile.refresh_from_db()
    assert user.profile.display_name == "Rowan" and not user.profile.avatar


def test_a_diagnosis_year_in_the_future_is_refused_in_onboarding(
    community, make_member, client_for
):
    user = make_member()
    response = client_for(user).post("/welcome/diagnosis/", {"diagnosis_year": "2999"})
    assert "cannot be in the future" in response.content.decode()
    assert 'value="2999"' in response.content.decode()
