import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, hotp_value

from marketplace.accounts.models import User
from tests.factories import UserFactory

PASSWORD = "pass-word-2026"


@pytest.fixture
def verified_user(db):
    user = UserFactory(email="zhang@example.cn", phone="+8613900139000", phone_verified=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("login", ["zhang@example.cn", "13900139000", "+86 139 0013 9000"])
def test_login_by_email_or_mainland_mobile(client, verified_user, login):
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(verified_user.pk)


def test_wrong_password_does_not_log_in(client, verified_user):
    response = client.post("/accounts/login/", {"login": "13900139000", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signup_requires_email_verification(db, client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.cn", "password1": "Long-pass-2026!", "password2": "Long-pass-2026!"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.cn")
    assert not EmailAddress.objects.get(user=user).verified
    assert any("new@example.cn" in message.to for message in mailoutbox)
    assert "_auth_user_id" not in client.session


def test_signup_with_a_mobile_verifies_it_by_sms_code(db, client, caplog):
    caplog.set_level("INFO", logger="linli.sms")
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.cn",
            "phone": "137 0013 7000",
            "password1": "Long-pass-2026!",
            "password2": "Long-pass-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.cn")
    assert user.phone == "+8613700137000" and not user.phone_verified
    sms = [r.getMessage() for r in caplog.records if r.name == "linli.sms"]
    assert sms and "+8613700137000" in sms[0]
    code = sms[0].rsplit(" ", 1)[-1]
    client.post(response["Location"], {"code": code})
    user.refresh_from_db()
    assert user.phone_verified


def test_signup_rejects_a_non_mainland_mobile(db, client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "x@example.cn",
            "phone": "12345",
            "password1": "Long-pass-2026!",
            "password2": "Long-pass-2026!",
        },
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not User.objects.filter(email="x@example.cn").exists()


def test_password_reset_sends_mail(client, verified_user, mailoutbox):
    client.post("/accounts/password/reset/", {"email": verified_user.email})
    assert len(mailoutbox) == 1 and verified_user.email in mailoutbox[0].to


@pytest.mark.parametrize("role", ["purchaser", "admin"])
def test_purchaser_staff_and_admins_must_set_up_totp_first(client, world, role):
    user = world[role]
    client.force_login(user)
    response = client.get("/demands/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate" in response["Location"]
    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    assert client.get("/demands/").status_code == 200


@pytest.mark.parametrize("role", ["staff", "org_admin", "resident", "volunteer"])
def test_other_roles_are_not_forced_into_mfa(client, world, role):
    client.force_login(world[role])
    assert client.get("/demands/").status_code == 200


def test_totp_login_asks_for_the_code(client, world):
    user = world["admin"]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and "2fa/authenticate" in response["Location"]
    assert "_auth_user_id" not in client.session
    import time

    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    response = client.post(response["Location"], {"code": code})
    assert client.session.get("_auth_user_id") == str(user.pk)
