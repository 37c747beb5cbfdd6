"""Identity numbers of registered persons: validation, the keyed hash, encryption and masking.

A national identity number (NID, জাতীয় পরিচয়পত্র নম্বর) has 10, 13 or 17 digits; a birth
registration number (BRN, জন্ম নিবন্ধন নম্বর) has 17. A 17-digit number begins with the holder's
year of birth. Numbers are never stored or shown in clear:

* ``id_hash`` — HMAC-SHA256 of the digits keyed with ``settings.REGISTRY_ID_KEY``, for matching
  (the same person in two households, a search by number). The digits alone are hashed, so an
  NID and a BRN with the same digits match.
* ``id_ciphertext`` — AES-256-GCM with a key derived from the environment variable
  ``REGISTRY_ENCRYPTION_KEY`` (several keys separated by commas: the first encrypts, all
  decrypt, for rotation). Without it, the embedded default derives a key from
  ``REGISTRY_ID_KEY``; the deploy check (``registry/checks.py``) refuses that in production.
* ``id_last3`` — the last three digits, for recognition.

Every message that mentions a number shows it masked (``•••••••123``), so refusals can be
logged, shown in import reports and mailed in error reports without leaking it; a text that may
hold a number somewhere (a search query, a cell of a shifted row) goes through
:func:`portal.privacy.mask_identity_numbers` first.

Placeholders (``0000000000``, ``1234567890``, ``1212121212``) are numbers of the right shape
that no one holds: :func:`is_placeholder` tells them, the importer refuses them and
the duplicate check does not match persons on them.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import itertools
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bangla import fold_digits, normalize

from .keys import split_keys

NID_LENGTHS = (10, 13, 17)
BRN_LENGTH = 17
MASK = "•"
ENCRYPTION_KEY_VARIABLE = "REGISTRY_ENCRYPTION_KEY"
_CIPHERTEXT_VERSION = "g1"
_HASH_DOMAIN = b"hlp-registry-identity-number:"


class IdType(models.TextChoices):
    NID = "nid", _("National ID (NID)")
    BRN = "brn", _("Birth registration number")


class IdentityError(ValidationError):
    """A refused identity number; the message names the field and shows the value masked."""


def mask(value) -> str:
    """The value with everything but its last three characters replaced by dots.

    >>> mask("1990123456789")
    '••••••••••789'
    """
    text = "" if value is None else str(value).strip()
    if len(text) <= 3:
        return MASK * len(text)
    return MASK * (len(text) - 3) + text[-3:]


@dataclass(frozen=True, repr=False)
class IdentityNumber:
    """A validated identity number. Its text forms are masked; use :attr:`digits` knowingly."""

    id_type: str
    digits: str

    def __repr__(self):
        return f"IdentityNumber({self.id_type}, {self.masked})"

    __str__ = __repr__

    @property
    def masked(self) -> str:
        return mask(self.digits)

    @property
    def last3(self) -> str:
        return self.digits[-3:]

    @cached_property
    def hash(self) -> str:
        return id_hash(self.digits)

    def encrypt(self) -> str:
        return encrypt(self.digits)


BRN_LABEL = _("birth registration number")
NID_LABEL = _("national ID number")


def _label(id_type, field):
    if field:
        return field
    return BRN_LABEL if id_type == IdType.BRN else NID_LABEL


@sensitive_variables()
def clean_digits(value, field=None) -> str:
    """The number's digits after folding Bangla digits; refuses anything but digits.

    :raises IdentityError: when the value holds anything other than digits (after trimming
        surrounding spaces), naming the field and showing the value masked.
    """
    text = fold_digits(str(value)).strip()
    if not text.isascii() or not text.isdigit():
        raise IdentityError(
            _("%(field)s “%(value)s” must contain digits only."),
            code="not_digits",
            params={"field": field or _("identity number"), "value": mask(text)},
        )
    return text


@sensitive_variables()
def parse_identity(value, id_type=None, date_of_birth=None, field=None) -> IdentityNumber | None:
    """Validate an identity number as typed on a form or in an imported file.

    *value* may hold Bangla or ASCII digits. *id_type* is ``"nid"``, ``"brn"`` or empty, in
    which case a 10- or 13-digit number is an NID and a 17-digit one an NID too (a BRN must be
    declared). Empty values give ``None``: a person may have no number yet.

    :raises IdentityError: for non-digits, a length the type does not allow, an unknown type,
        or a 17-digit number whose first four digits are not the year of *date_of_birth*.
    """
    if value is None or not str(value).strip():
        return None
    id_type = (id_type or "").strip().lower() or None
    if id_type is not None and id_type not in IdType.values:
        raise IdentityError(
            _("Identity number type “%(value)s” is not NID or BRN."),
            code="bad_type",
            params={"value": id_type},
        )
    label = _label(id_type, field)
    digits = clean_digits(value, label)
    if id_type is None:
        id_type = IdType.NID
        label = _label(id_type, field)
    if id_type == IdType.NID and len(digits) not in NID_LENGTHS:
        raise IdentityError(
            _("%(field)s “%(value)s” has %(count)s digits; an NID has 10, 13 or 17."),
            code="bad_length",
            params={"field": label, "value": mask(digits), "count": len(digits)},
        )
    if id_type == IdType.BRN and len(digits) != BRN_LENGTH:
        raise IdentityError(
            _("%(field)s “%(value)s” has %(count)s digits; a birth registration number has 17."),
            code="bad_length",
            params={"field": label, "value": mask(digits), "count": len(digits)},
        )
    if len(digits) == 17 and date_of_birth is not None:
        year = date_of_birth.year if isinstance(date_of_birth, datetime.date) else None
        if year is not None and digits[:4] != f"{year:04d}":
            raise IdentityError(
                _(
                    "%(field)s “%(value)s” does not begin with the year of birth %(year)s "
                    "(the first four digits of a 17-digit number are the year of birth)."
                ),
                code="birth_year",
                params={"field": label, "value": mask(digits), "year": str(year)},
            )
    return IdentityNumber(id_type=id_type, digits=digits)


# --- numbers in free text ------------------------------------------------------------

# Words people put before a number they search for: "NID", "এনআইডি নং:", "জন্মনিবন্ধন নম্বর".
_QUERY_LABELS = (
    "nid",
    "brn",
    "id",
    "এনআইডি",
    "জন্মনিবন্ধন",
    "জন্ম নিবন্ধন",
    "জাতীয় পরিচয়পত্র",
    "জাতীয় পরিচয় পত্র",
    "birth registration",
    "national id",
)
_QUERY_SUFFIXES = ("নং", "নম্বর", "নাম্বার", "no", "number", "nr")
_QUERY_LABEL_RE = re.compile(
    "^(?:{labels})(?:\\s*(?:{suffixes}))?\\.?\\s*[:ঃ#=]?\\s*".format(
        labels="|".join(
            re.escape(normalize(label)) for label in sorted(_QUERY_LABELS, key=len, reverse=True)
        ),
        suffixes="|".join(re.escape(normalize(suffix)) for suffix in _QUERY_SUFFIXES),
    )
)
_QUERY_SEPARATORS_RE = re.compile(r"[\s\-\u2010-\u2015./,]+")


@sensitive_variables()
def query_digits(value) -> str:
    """The digits of a number typed into a search box, or "" if the query is not a number.

    The digits may be Bangla or ASCII, written in groups (``1979 0412 3456 78901``,
    ``১৯৭৯-০৪১২-…``) and preceded by a word naming the number (``NID``, ``এনআইডি নং:``,
    ``জন্মনিবন্ধন``).
    """
    text = normalize(str(value or ""))
    text = _QUERY_LABEL_RE.sub("", text, count=1)
    digits = _QUERY_SEPARATORS_RE.sub("", text)
    if not digits or not digits.isascii() or not digits.isdigit():
        return ""
    return digits


# --- placeholders --------------------------------------------------------------------


def is_placeholder(digits: str) -> bool:
    """Whether an identity number's digits are a placeholder no one holds: one digit repeated
    (``0000000000``), a two-digit block repeated (``1212121212``) or digits counting up or down
    (``1234567890``, ``98765432109876543``)."""
    length = len(digits)
    if length > 3 and digits == (digits[:2] * length)[:length]:
        return True
    if length < 2:
        return False
    if not digits.isascii():
        steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
        return steps in ({0}, {1}, {9})
    # One digit repeated, or the digits counting up or down from the first (the import asks
    # this of every number in a file, so it compares strings rather than digit by digit).
    first, cycles = int(digits[0]), length // 10 + 2
    return (
        digits == digits[0] * length
        or digits == (_COUNTING_UP * cycles)[first : first + length]
        or digits == (_COUNTING_DOWN * cycles)[9 - first : 9 - first + length]
    )


_COUNTING_UP = "0123456789"
_COUNTING_DOWN = "9876543210"


def _placeholder_numbers():
    numbers = set()
    for length in NID_LENGTHS:
        for first in "0123456789":
            for step in (1, 9):
                numbers.add("".join(str((int(first) + step * i) % 10) for i in range(length)))
            for second in "0123456789":
                numbers.add((first + second) * (length // 2) + first * (length % 2))
    return numbers


@lru_cache(maxsize=2)
def _placeholder_hashes(key: str) -> frozenset[str]:
    return frozenset(id_hash(number) for number in _placeholder_numbers())


def placeholder_hashes() -> frozenset[str]:
    """The keyed hashes of placeholder numbers (:func:`is_placeholder`) of every length an NID
    or birth registration number has: persons stored with one of them are not the same person
    for that reason (lists imported before placeholders were refused may hold them)."""
    return _placeholder_hashes(settings.REGISTRY_ID_KEY)


# --- the keyed hash ------------------------------------------------------------------


@lru_cache(maxsize=4)
def _hasher(key: str):
    return hmac.new(key.encode(), _HASH_DOMAIN, hashlib.sha256)


@sensitive_variables()
def id_hash(digits: str) -> str:
    """HMAC-SHA256 (hex) of an identity number's digits, keyed with ``REGISTRY_ID_KEY``."""
    mac = _hasher(settings.REGISTRY_ID_KEY).copy()
    mac.update(digits.encode())
    return mac.hexdigest()


@sensitive_variables()
def hashes_for_query(value) -> list[str]:
    """The hashes to look up for a number typed into a search box (:func:`query_digits`: in
    groups, Bangla or ASCII, after a word such as "NID"), or [] if it is not one."""
    digits = query_digits(value)
    if len(digits) not in NID_LENGTHS:
        return []
    return [id_hash(digits)]


# --- encryption ----------------------------------------------------------------------


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        secret.encode()
    )


def configured_encryption_secrets() -> list[str]:
    """The encryption secrets from the environment, first the one that encrypts."""
    raw = getattr(settings, ENCRYPTION_KEY_VARIABLE, None) or os.environ.get(
        ENCRYPTION_KEY_VARIABLE, ""
    )
    return split_keys(raw)


@lru_cache(maxsize=8)
def _keys(secrets_: tuple[str, ...], fallback: str) -> tuple[tuple[str, AESGCM], ...]:
    if not secrets_:
        # The embedded default only: production refuses this (registry.checks).
        secrets_ = (f"derived-from-registry-id-key:{fallback}",)
    keys = []
    for secret in secrets_:
        key = _derive(secret, b"hlp-registry-id-encryption-v1")
        key_id = hashlib.sha256(key).hexdigest()[:8]
        keys.append((key_id, AESGCM(key)))
    return tuple(keys)


def _current_keys():
    return _keys(tuple(configured_encryption_secrets()), settings.REGISTRY_ID_KEY)


def encrypter():
    """A function that encrypts like :func:`encrypt` with the key in force now, looked up once:
    for many numbers at a time (an import's batch), where finding the key per number would
    cost more than the encryption."""
    key_id, aead = _current_keys()[0]
    prefix = f"{_CIPHERTEXT_VERSION}.{key_id}."
    associated = _CIPHERTEXT_VERSION.encode()

    @sensitive_variables()
    def seal(digits: str) -> str:
        nonce = os.urandom(12)
        sealed = aead.encrypt(nonce, digits.encode(), associated)
        return prefix + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")

    return seal


@sensitive_variables()
def encrypt(digits: str) -> str:
    """Authenticated ciphertext of an identity number: ``g1.<key id>.<base64 nonce+data>``."""
    return encrypter()(digits)


@sensitive_variables()
def decrypt(ciphertext: str) -> str:
    """The digits of a ciphertext made by :func:`encrypt`, with any configured key.

    :raises ValueError: when no configured key opens it or it was tampered with.
    """
    try:
        version, key_id, token = ciphertext.split(".", 2)
    except ValueError as exc:
        raise ValueError("Not a registry ciphertext") from exc
    if version != _CIPHERTEXT_VERSION:
        raise ValueError("Unknown registry ciphertext version")
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    for candidate_id, aead in _current_keys():
        if candidate_id != key_id:
            continue
        try:
            return aead.decrypt(raw[:12], raw[12:], version.encode()).decode()
        except InvalidTag as exc:
            raise ValueError("Registry ciphertext failed authentication") from exc
    raise ValueError("No configured key opens this registry ciphertext")
