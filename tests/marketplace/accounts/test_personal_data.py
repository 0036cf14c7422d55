"""Mobile and ID numbers are encrypted at rest, masked on screen, and read in full only
through an audited request."""

import pytest
from django.core.exceptions import FieldError, ValidationError
from django.db import connection

from marketplace.accounts.models import User, VolunteerProfile
from marketplace.core.models import AuditEvent
from marketplace.core.privacy import mask_id_number, mask_phone
from tests.factories import UserFactory, valid_id_number

PHONE = "+8613912345678"


def stored(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def volunteer(world):
    profile = world["volunteer"].volunteer_profile
    profile.id_number = valid_id_number()
    profile.full_clean()
    profile.save()
    user = profile.user
    user.phone = PHONE
    user.save(update_fields=["phone"])
    return profile


def test_the_database_holds_no_plaintext(volunteer):
    raw_phone = stored("accounts_user", "phone", volunteer.user_id)
    raw_id = stored("accounts_volunteerprofile", "id_number", volunteer.pk)
    assert "13912345678" not in raw_phone
    assert volunteer.id_number[-8:] not in raw_id
    assert User.objects.get(pk=volunteer.user_id).phone == PHONE
    assert VolunteerProfile.objects.get(pk=volunteer.pk).id_number == volunteer.id_number


def test_found_by_blind_index_not_by_ciphertext(volunteer):
    assert User.objects.get_by_phone(PHONE) == volunteer.user
    assert User.objects.get_by_phone("+8613900000000") is None
    with pytest.raises(FieldError):
        User.objects.filter(phone=PHONE).exists()


def test_saving_only_the_phone_updates_its_index(volunteer):
    user = volunteer.user
    user.phone = "+8613987654321"
    user.save(update_fields=["phone"])
    assert User.objects.get_by_phone("+8613987654321") == user
    assert User.objects.get_by_phone(PHONE) is None


def test_one_account_per_mobile(volunteer):
    other = UserFactory()
    other.phone = PHONE
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "phone" in error.value.message_dict


def test_one_volunteer_profile_per_id_number(volunteer, world):
    twin = VolunteerProfile(
        user=UserFactory(), home_community=world["home"], id_number=volunteer.id_number
    )
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "id_number" in error.value.message_dict


def test_masks():
    assert mask_phone("+8613912345678") == "139****5678"
    assert mask_id_number("33010219900101123X") == "3301**********123X"
    assert mask_phone("") == ""


def test_my_account_masks_then_shows_in_full_with_an_audit_row(client, volunteer):
    client.force_login(volunteer.user)
    page = client.get("/me/").content.decode()
    assert "139****5678" in page
    assert "13912345678" not in page
    assert volunteer.id_number not in page
    assert not AuditEvent.objects.filter(event="accounts.personal_data.read").exists()

    page = client.post("/me/").content.decode()
    assert PHONE in page
    assert volunteer.id_number in page
    read = AuditEvent.objects.get(event="accounts.personal_data.read")
    assert read.actor == volunteer.user
    assert read.data["fields"] == ["phone", "id_number"]
