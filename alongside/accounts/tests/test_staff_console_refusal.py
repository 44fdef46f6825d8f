import pytest

pytestmark = pytest.mark.django_db


def test_it_tells_a_signed_in_member_the_staff_console_is_for_staff(client_for, make_member):
    response = client_for(make_member()).get("/admin/")
    assert response.status_code == 403
    assert "The staff console is for staff" in response.content.decode()


def test_it_still_sends_a_visitor_to_sign_in(client_for, community):
    response = client_for().get("/admin/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
