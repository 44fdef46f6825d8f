import pytest
from django.core.management import call_command

from alongside.accounts.models import User
from alongside.communities.models import Community, Membership

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_creates_nothing_twice(capsys):
    call_command("load_demo", members=40, ra_members=10, quiet=True)
    counts = (User.objects.count(), Membership.objects.count(), Community.objects.count())
    call_command("load_demo", members=40, ra_members=10, quiet=True)
    assert (User.objects.count(), Membership.objects.count(), Community.objects.count()) == counts
    ms = Community.objects.get(slug="ms")
    assert ms.member_count == Membership.objects.filter(community=ms).count()


def test_it_prints_the_demo_log_ins(capsys):
    call_command("load_demo", members=5, ra_members=2)
    out = capsys.readouterr().out
    for account in ("member", "carer", "moderator", "editor", "reviewer"):
        assert f"{account}@demo.alongside.localhost" in out
    assert "demo_totp editor" in out


def test_the_demo_totp_code_logs_the_editor_in(client):
    from io import StringIO

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    call_command("load_demo", members=5, ra_members=2, quiet=True)
    out = StringIO()
    call_command("demo_totp", "editor", stdout=out)
    code = out.getvalue().split()[0]
    editor = User.objects.get(email="editor@demo.alongside.localhost")
    totp = TOTP(Authenticator.objects.get(user=editor, type=Authenticator.Type.TOTP))
    assert totp.validate_code(code)


def test_the_generator_is_deterministic():
    call_command("load_demo", members=30, ra_members=0, quiet=True, seed=7)
    first = list(
        Membership.objects.filter(community__slug="ms", user__email__contains="members.demo")
        .order_by("user__email")
        .values_list("role", "diagnosis_year")
    )
    User.objects.filter(email__contains="members.demo").delete()
    call_command("load_demo", members=30, ra_members=0, quiet=True, seed=7)
    second = list(
        Membership.objects.filter(community__slug="ms", user__email__contains="members.demo")
        .order_by("user__email")
        .values_list("role", "diagnosis_year")
    )
    assert first == second


def test_the_demo_pharmacist_edits_the_knowledge_base_but_cannot_publish_it():
    call_command("load_demo", members=5, ra_members=2, quiet=True)

    pharmacist = User.objects.get(email="pharmacist@demo.alongside.localhost")
    assert pharmacist.is_staff
    assert pharmacist.groups.filter(name="Pharmacist / clinical editor").exists()
    assert pharmacist.has_perm("treatments.change_interaction")
    assert pharmacist.has_perm("treatments.add_source")
    assert not pharmacist.has_perm("treatments.publish_interaction")
