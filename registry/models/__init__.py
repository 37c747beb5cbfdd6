"""The beneficiary registry (উপকারভোগী নিবন্ধন): households (খানা) of a union, their members,
and the benefits each received from a practice (ভালো শিখন) or a social-protection programme.

Personal data stays in its union: views go through :mod:`registry.access`, and identity numbers
exist only as a keyed hash, a ciphertext and their last three digits (:mod:`registry.identity`).

The modules import each other in one direction only, each from those before it:

    base        ages, wards, fiscal years, names in two languages
    cycle       the yearly update cycle
    access_log  who saw, searched or exported personal data
    programmes  social-protection programmes
    figures     the beneficiary figures table
    households  households and persons
    benefits    benefits, and the write path that keeps the figures up to date
    flags       suspected duplicates for review
    notes       what checking an import noticed without refusing it
"""

from .access_log import AccessAction, AccessLog
from .base import ELDERLY_AGE, fiscal_year_of, years_ago
from .benefits import Benefit, benefit_fingerprint
from .cycle import UpdateCycle
from .figures import ALL_YEARS, BeneficiaryAggregate
from .flags import DuplicateFlag, FlagKind, FlagStatus, Merge
from .households import (
    Disability,
    Household,
    Person,
    Relation,
    Sex,
    refresh_household_flags,
)
from .notes import ImportNote, NoteKind
from .programmes import Programme, ensure_standard_programmes

__all__ = [
    "ALL_YEARS",
    "ELDERLY_AGE",
    "AccessAction",
    "AccessLog",
    "BeneficiaryAggregate",
    "Benefit",
    "Disability",
    "DuplicateFlag",
    "FlagKind",
    "FlagStatus",
    "Household",
    "ImportNote",
    "Merge",
    "NoteKind",
    "Person",
    "Programme",
    "Relation",
    "Sex",
    "UpdateCycle",
    "benefit_fingerprint",
    "ensure_standard_programmes",
    "fiscal_year_of",
    "refresh_household_flags",
    "years_ago",
]
