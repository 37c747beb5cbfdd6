import datetime

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import translation

import pytest

from registry import identity
from registry.checks import check_registry_keys
from registry.identity import IdentityError, IdType, mask, parse_identity

from .conftest import TEST_NID, TEST_NID_BN

BORN_1985 = datetime.date(1985, 3, 9)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(*args, **kwargs):
    with pytest.raises(IdentityError) as caught:
        parse_identity(*args, **kwargs)
    message = caught.value.messages[0]
    assert TEST_NID not in message
    return message


def test_bangla_digits_are_folded_and_every_allowed_length_is_accepted():
    assert parse_identity(TEST_NID_BN, date_of_birth=BORN_1985).digits == TEST_NID
    assert parse_identity("1234567890").id_type == IdType.NID
    assert parse_identity("১২৩৪৫৬৭৮৯০১২৩").digits == "1234567890123"
    assert parse_identity(TEST_NID, "brn", BORN_1985).id_type == IdType.BRN
    assert parse_identity("  ", "nid") is None


def test_non_digits_are_refused_with_the_field_and_the_value_masked():
    message = refusal("19857512345-78901", "nid")
    assert message == "national ID number “••••••••••••••901” must contain digits only."


def test_an_nid_of_another_length_is_refused():
    message = refusal(TEST_NID[:11], "nid")
    assert "has 11 digits; an NID has 10, 13 or 17" in message
    assert message.startswith("national ID number “••••••••345”")


def test_a_birth_registration_number_must_have_17_digits():
    message = refusal("1234567890123", "brn")
    assert "has 13 digits; a birth registration number has 17" in message


def test_a_17_digit_number_must_begin_with_the_year_of_birth():
    message = refusal(TEST_NID, "nid", datetime.date(1986, 1, 1))
    assert "does not begin with the year of birth 1986" in message
    assert "••••••••••••••901" in message


def test_an_unknown_type_is_refused():
    assert "is not NID or BRN" in refusal("1234567890", "passport")


def test_the_field_name_given_is_used_in_the_message():
    assert refusal("12x45", "nid", field="NID no.") == "NID no. “••x45” must contain digits only."


def test_masking_keeps_only_the_last_three_characters():
    assert mask(TEST_NID) == "•" * 14 + "901"
    assert mask("12") == "••"
    number = parse_identity(TEST_NID, date_of_birth=BORN_1985)
    assert TEST_NID not in repr(number) and TEST_NID not in str(number)
    assert number.last3 == "901"


def test_the_hash_is_keyed_and_the_same_for_both_scripts(settings):
    first = parse_identity(TEST_NID).hash
    assert first == parse_identity(TEST_NID_BN).hash
    assert len(first) == 64 and TEST_NID not in first
    settings.REGISTRY_ID_KEY = "another-key-for-this-test-only-0123456789"
    assert parse_identity(TEST_NID).hash != first


def test_ciphertext_round_trips_and_is_randomised():
    first, second = identity.encrypt(TEST_NID), identity.encrypt(TEST_NID)
    assert first != second
    assert TEST_NID not in first
    assert identity.decrypt(first) == identity.decrypt(second) == TEST_NID


def test_tampered_ciphertext_is_refused():
    token = identity.encrypt(TEST_NID)
    version, key_id, body = token.split(".")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(ValueError):
        identity.decrypt(f"{version}.{key_id}.{flipped}")


def test_keys_rotate_the_first_encrypts_and_all_decrypt(settings):
    settings.REGISTRY_ENCRYPTION_KEY = "old-encryption-key-" + "o" * 30
    old = identity.encrypt(TEST_NID)
    settings.REGISTRY_ENCRYPTION_KEY = (
        "new-encryption-key-" + "n" * 30 + ",old-encryption-key-" + "o" * 30
    )
    new = identity.encrypt(TEST_NID)
    assert identity.decrypt(old) == identity.decrypt(new) == TEST_NID
    settings.REGISTRY_ENCRYPTION_KEY = "new-encryption-key-" + "n" * 30
    with pytest.raises(ValueError):
        identity.decrypt(old)


def test_deploy_check_refuses_the_embedded_defaults(settings, monkeypatch):
    monkeypatch.delenv("REGISTRY_ENCRYPTION_KEY", raising=False)
    settings.REGISTRY_ID_KEY = "embedded-default-registry-key"
    ids = {problem.id for problem in check_registry_keys()}
    assert ids == {"registry.E001", "registry.E002"}
    with pytest.raises(SystemCheckError, match="REGISTRY_ENCRYPTION_KEY is not set"):
        call_command("check", "--deploy", "--tag", "security")


def test_deploy_check_passes_with_real_keys(settings):
    settings.REGISTRY_ID_KEY = "a-real-registry-id-key-of-enough-length-42"
    settings.REGISTRY_ENCRYPTION_KEY = "a-real-encryption-key-of-enough-length-4242"
    assert check_registry_keys() == []
    settings.REGISTRY_ENCRYPTION_KEY = settings.REGISTRY_ID_KEY
    assert [problem.id for problem in check_registry_keys()] == ["registry.E003"]
