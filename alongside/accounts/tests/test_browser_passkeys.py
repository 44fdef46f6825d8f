"""Passkeys end to end, with Chromium's virtual authenticator standing in for a phone or key."""

import re

import pytest
from allauth.mfa.models import Authenticator

from alongside.testing.browser import assert_accessible
from alongside.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtual_authenticator(page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def _sign_in(page, site_url, email) -> None:
    page.goto(site_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.get_by_role("button", name="Log out").wait_for()


def test_a_member_adds_a_passkey_and_signs_in_with_it(community, make_member, page, site_url):
    member = make_member(display_name="Kit")
    _virtual_authenticator(page)
    _sign_in(page, site_url, member.email)
    page.goto(site_url + "/accounts/2fa/webauthn/add/")
    if "/reauthenticate/" in page.url:
        assert_accessible(page, label="confirm your password")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    # allauth says "Add Security Key"; its British English says "Add a security key".
    page.get_by_role("heading", name=re.compile("add (a )?security key", re.I)).wait_for()
    assert_accessible(page, label="add a passkey")
    page.get_by_label("Name").fill("My phone")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=member, type="webauthn").exists()

    page.get_by_role("button", name="Log out").click()
    page.goto(site_url + "/accounts/login/")
    page.get_by_role("button", name="Log in with a passkey").click()
    page.get_by_role("button", name="Log out").wait_for()
    assert "/accounts/login/" not in page.url
