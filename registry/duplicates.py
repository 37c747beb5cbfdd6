"""Finding duplicates in the registry and acting on a reviewer's decision.

Four kinds of flag go to the review queue at /registry/duplicates/:

* the same identity number (its keyed hash) in two households;
* the same person — the same record, or two records with the same identity number — receiving
  the same benefit (practice or programme) twice in one fiscal year;
* likely the same person without an identity number to tell: the same normalised name
  (:func:`bangla.name_key`), date of birth and union, where at least one of the two
  records has no number;
* likely the same person without a date of birth to tell: one name twice in a household, one
  of the two without a date of birth (an import never matches on a missing date, so a son of
  his father's name is not written over his father; a reviewer merges them if they are one).

Placeholder numbers (``0000000000``, ``1234567890``; :func:`registry.identity.is_placeholder`)
tell nothing: persons are not matched on them.

Detection is idempotent: a pair is flagged once (its signature is unique), and a dismissed pair
is not flagged again. A flag across two unions is for reviewers who may see both
(:func:`registry.access.Reach.sees_flag`).
"""

import datetime
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import log_access
from .identity import placeholder_hashes
from .models import (
    AccessAction,
    Benefit,
    DuplicateFlag,
    FlagKind,
    FlagStatus,
    Household,
    Merge,
    Person,
    refresh_household_flags,
)
from .models.benefits import keys_of, refresh_keys

_CHUNK = 500


def _chunks(values, size=_CHUNK):
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _flag_pairs(kind, pairs):
    """Create flags for (record a, record b) pairs; returns how many were new."""
    flags = []
    for a, b in pairs:
        if kind == FlagKind.REPEAT_BENEFIT:
            flags.append(
                DuplicateFlag(
                    kind=kind,
                    lgi_id=a.lgi_id,
                    other_lgi_id=b.lgi_id,
                    person_a_id=a.person_id,
                    person_b_id=b.person_id,
                    benefit_a_id=a.pk,
                    benefit_b_id=b.pk,
                    signature=f"{kind}:{a.pk}:{b.pk}",
                )
            )
        else:
            flags.append(
                DuplicateFlag(
                    kind=kind,
                    lgi_id=a.lgi_id,
                    other_lgi_id=b.lgi_id,
                    person_a_id=a.pk,
                    person_b_id=b.pk,
                    signature=f"{kind}:{a.pk}:{b.pk}",
                )
            )
    if not flags:
        return 0
    signatures = [flag.signature for flag in flags]
    existing = set()
    for chunk in _chunks(signatures):
        existing.update(
            DuplicateFlag.objects.filter(signature__in=chunk).values_list("signature", flat=True)
        )
    new = [flag for flag in flags if flag.signature not in existing]
    DuplicateFlag.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


def _scope(queryset, lgis, field="lgi"):
    return queryset if lgis is None else queryset.filter(**{f"{field}__in": lgis})


def detect_same_id(lgis=None, hashes=None):
    """Flag identity numbers recorded in more than one household (of which at least one is in
    *lgis*, when given)."""
    shared = (
        Person.objects.exclude(id_hash="")
        .values("id_hash")
        .annotate(n=Count("household_id", distinct=True))
        .filter(n__gt=1)
        .order_by()
        .values_list("id_hash", flat=True)
    )
    if hashes is not None:
        shared = shared.filter(id_hash__in=list(hashes))
    wanted = None if lgis is None else set(lgis.values_list("pk", flat=True))
    placeholders = placeholder_hashes()
    pairs = []
    for chunk in _chunks(h for h in shared.iterator() if h not in placeholders):
        groups = defaultdict(list)
        for person in (
            Person.objects.filter(id_hash__in=chunk)
            .order_by("pk")
            .only("pk", "id_hash", "household_id", "lgi_id")
        ):
            groups[person.id_hash].append(person)
        for members in groups.values():
            if wanted is not None and not any(member.lgi_id in wanted for member in members):
                continue
            first = members[0]
            pairs.extend(
                (first, other) for other in members[1:] if other.household_id != first.household_id
            )
    return _flag_pairs(FlagKind.SAME_ID, pairs)


def _identity(placeholders):
    """A benefit's person as the check knows them: their identity hash, or the record itself
    when they have no number or a placeholder (a placeholder is no one's number)."""
    number = Case(
        When(person__id_hash__in=placeholders, then=Value(None)),
        default=NullIf("person__id_hash", Value("")),
    )
    return Coalesce(number, Cast("person_id", output_field=CharField()), output_field=CharField())


def detect_repeat_benefits(lgis=None):
    """Flag the same benefit received twice by one person in one fiscal year."""
    identity = _identity(list(placeholder_hashes()))
    benefits = _scope(Benefit.objects.all(), lgis).annotate(identity=identity)
    groups = (
        benefits.values("identity", "practice_id", "programme_id", "fiscal_year")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by()
    )
    pairs = []
    for chunk in _chunks(groups.iterator()):
        identities = {group["identity"] for group in chunk}
        wanted = {
            (g["identity"], g["practice_id"], g["programme_id"], g["fiscal_year"]) for g in chunk
        }
        found = defaultdict(list)
        rows = (
            Benefit.objects.annotate(identity=identity)
            .filter(identity__in=identities)
            .order_by("pk")
            .only("pk", "person_id", "lgi_id", "practice_id", "programme_id", "fiscal_year")
        )
        for benefit in rows:
            key = (benefit.identity, benefit.practice_id, benefit.programme_id, benefit.fiscal_year)
            if key in wanted:
                found[key].append(benefit)
        for members in found.values():
            pairs.extend((members[0], other) for other in members[1:])
    return _flag_pairs(FlagKind.REPEAT_BENEFIT, pairs)


def _pairs_within(groups, fields, differ):
    """The pairs of persons (in pk order) that share the values of *fields* with one of
    *groups* (rows of an aggregate query over those fields), unless *differ(a, b)* tells
    them apart."""
    pairs = []
    for chunk in _chunks(groups.iterator()):
        condition = Q()
        for group in chunk:
            condition |= Q(**{field: group[field] for field in fields})
        found = defaultdict(list)
        for person in (
            Person.objects.filter(condition)
            .order_by("pk")
            .only("pk", "lgi_id", "name_key", "date_of_birth", "id_hash", *fields)
        ):
            found[tuple(getattr(person, field) for field in fields)].append(person)
        for members in found.values():
            for index, a in enumerate(members):
                pairs.extend((a, b) for b in members[index + 1 :] if not differ(a, b))
    return pairs


def detect_likely_same(lgis=None):
    """Flag records with the same name key, date of birth and union, one of them without an
    identity number (two different numbers are two people)."""
    groups = (
        _scope(Person.objects.filter(date_of_birth__isnull=False), lgis)
        .values("lgi_id", "name_key", "date_of_birth")
        .annotate(n=Count("pk"), without_id=Count("pk", filter=Q(id_hash="")))
        .filter(n__gt=1, without_id__gt=0)
        .order_by()
    )
    pairs = _pairs_within(
        groups,
        ("lgi_id", "name_key", "date_of_birth"),
        differ=lambda a, b: bool(a.id_hash and b.id_hash),
    )
    return _flag_pairs(FlagKind.LIKELY_SAME, pairs)


def detect_same_name(lgis=None):
    """Flag two records of one household with the same name key, one of them without a date
    of birth (two different numbers are two people; two dates of birth are
    :func:`detect_likely_same`'s to judge)."""
    groups = (
        _scope(Person.objects.all(), lgis)
        .values("household_id", "name_key")
        .annotate(n=Count("pk"), without_birth=Count("pk", filter=Q(date_of_birth__isnull=True)))
        .filter(n__gt=1, without_birth__gt=0)
        .order_by()
    )
    pairs = _pairs_within(
        groups,
        ("household_id", "name_key"),
        differ=lambda a, b: (
            (a.date_of_birth is not None and b.date_of_birth is not None)
            or bool(a.id_hash and b.id_hash and a.id_hash != b.id_hash)
        ),
    )
    return _flag_pairs(FlagKind.SAME_NAME, pairs)


def detect(lgis=None, hashes=None):
    """Run every detector (optionally for some unions only); returns new flags per kind."""
    return {
        FlagKind.SAME_ID: detect_same_id(lgis, hashes),
        FlagKind.REPEAT_BENEFIT: detect_repeat_benefits(lgis),
        FlagKind.LIKELY_SAME: detect_likely_same(lgis),
        FlagKind.SAME_NAME: detect_same_name(lgis),
    }


# --- decisions ---------------------------------------------------------------------------


class DecisionError(ValueError):
    """A decision that cannot be carried out (the message is for the reviewer)."""


IDENTITY_FIELDS = ("id_type", "id_hash", "id_ciphertext", "id_last3")


def _snapshot(instance):
    """A row's stored values by column, for putting it back as it was."""
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def _restore(model, values):
    """Insert a row again from its snapshot, with its primary key and timestamps."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    instance = model(**{name: fields[name].to_python(value) for name, value in values.items()})
    model.objects.bulk_create([instance])
    stamps = {
        name: fields[name].to_python(values[name])
        for name in ("created_at", "updated_at")
        if name in fields and values.get(name) is not None
    }
    if stamps:
        model.objects.filter(pk=instance.pk).update(**stamps)
    return instance


def _merge_persons(keep, drop, merge):
    """Move *drop*'s benefits and missing identity to *keep*, then delete *drop*; *merge*
    records each change for :func:`undo`."""
    merge.kept = keep
    merge.removed_person = _snapshot(drop)
    merge.kept_identity = {name: getattr(keep, name) for name in IDENTITY_FIELDS}
    _remember_flag_links(merge, "person", drop.pk)
    moved = list(Benefit.objects.filter(person=drop))
    keys = keys_of(moved)
    existing = set(Benefit.objects.filter(person=keep).values_list("fingerprint", flat=True))
    for benefit in moved:
        if benefit.fingerprint in existing:
            merge.removed_benefits.append(_snapshot(benefit))
            _remember_flag_links(merge, "benefit", benefit.pk)
            Benefit.objects.filter(pk=benefit.pk).delete()
            continue
        existing.add(benefit.fingerprint)
        merge.moved_benefits.append([benefit.pk, benefit.household_id, benefit.lgi_id])
        Benefit.objects.filter(pk=benefit.pk).update(
            person=keep, household=keep.household_id, lgi=keep.lgi_id
        )
        benefit.household_id, benefit.lgi_id = keep.household_id, keep.lgi_id
        keys |= keys_of([benefit])
    if not keep.id_hash and drop.id_hash:
        same_number = Person.objects.filter(household=keep.household, id_hash=drop.id_hash)
        if not same_number.exclude(pk=drop.pk).exists():
            keep.id_type, keep.id_hash = drop.id_type, drop.id_hash
            keep.id_ciphertext, keep.id_last3 = drop.id_ciphertext, drop.id_last3
            Person.objects.filter(pk=drop.pk).update(
                id_type="", id_hash="", id_ciphertext="", id_last3=""
            )
            keep.save(update_fields=["id_type", "id_hash", "id_ciphertext", "id_last3"])
    households = {keep.household_id, drop.household_id}
    drop.delete()
    refresh_keys(keys)
    refresh_household_flags(Household.objects.filter(pk__in=households))


def _remember_flag_links(merge, kind, pk):
    """Note the flags that name a person or benefit about to be removed (removing it clears
    their link), as [flag, field, removed row]."""
    for field in (f"{kind}_a", f"{kind}_b"):
        for flag_pk in DuplicateFlag.objects.filter(**{field: pk}).values_list("pk", flat=True):
            merge.flag_links.append([flag_pk, field, pk])


def _drop_benefit(drop, merge):
    keys = keys_of([drop])
    merge.removed_benefits.append(_snapshot(drop))
    _remember_flag_links(merge, "benefit", drop.pk)
    Benefit.objects.filter(pk=drop.pk).delete()
    refresh_keys(keys)


@transaction.atomic
def undo(merge, request):
    """Put back what a merge changed: the removed person with their identity, benefits and
    the flags that named them, the kept person's identity, the benefits removed as the same
    benefit twice; the flag is open again. Refused (DecisionError) when already undone, when
    what it changed has been forgotten, or when the removed person's household no longer
    exists. The undo is logged."""
    merge = Merge.objects.select_for_update().select_related("flag").get(pk=merge.pk)
    if merge.is_undone:
        raise DecisionError(_("This merge has already been undone."))
    if merge.is_forgotten:
        raise DecisionError(
            _(
                "This merge can no longer be undone: what it changed is kept for %(days)s days "
                "only, and then deleted."
            )
            % {"days": settings.REGISTRY_MERGE_UNDO_DAYS}
        )
    flag = DuplicateFlag.objects.select_for_update().get(pk=merge.flag_id)
    keys, households = set(), set()
    removed = merge.removed_person
    if removed is not None:
        if not Household.objects.filter(pk=removed["household_id"]).exists():
            raise DecisionError(
                _("The merge cannot be undone: the removed person's household no longer exists.")
            )
        if merge.kept_id is not None and merge.kept_identity is not None:
            Person.objects.filter(pk=merge.kept_id).update(**merge.kept_identity)
        if removed["id_hash"] and (
            Person.objects.filter(
                household_id=removed["household_id"], id_hash=removed["id_hash"]
            ).exists()
        ):
            raise DecisionError(
                _(
                    "The merge cannot be undone: the removed person's household has since got "
                    "a member with the same identity number."
                )
            )
        person = _restore(Person, removed)
        households.add(person.household_id)
        for pk, household_id, lgi_id in merge.moved_benefits:
            moved = Benefit.objects.filter(pk=pk, person_id=merge.kept_id)
            keys |= keys_of(moved)
            moved.update(person=person, household_id=household_id, lgi_id=lgi_id)
            keys |= keys_of(Benefit.objects.filter(pk=pk))
        if merge.kept_id is not None:
            households |= set(
                Person.objects.filter(pk=merge.kept_id).values_list("household_id", flat=True)
            )
    for values in merge.removed_benefits:
        keys |= keys_of([_restore(Benefit, values)])
    for flag_pk, field, pk in merge.flag_links:
        DuplicateFlag.objects.filter(pk=flag_pk, **{f"{field}__isnull": True}).update(
            **{f"{field}_id": pk}
        )
    flag.refresh_from_db()
    flag.status = FlagStatus.OPEN
    flag.decided_by = None
    flag.decided_at = None
    flag.save(update_fields=["status", "decided_by", "decided_at"])
    merge.undone_by = request.user
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    refresh_keys(keys)
    if households:
        refresh_household_flags(Household.objects.filter(pk__in=households))
    log_access(
        request,
        AccessAction.DUPLICATE_DECISION,
        lgi=flag.lgi,
        target=f"duplicate flag {flag.pk}",
        query=f"undo merge {merge.pk}",
    )
    return merge


@transaction.atomic
def decide(flag, decision, request, keep="a", note=""):
    """Record a reviewer's decision on a flag and carry it out; the decision is logged.

    *decision* is ``confirmed``, ``dismissed`` or ``merged``. Merging two person records keeps
    the one named by *keep* (``a`` or ``b``) and moves the other's benefits to it; merging a
    repeated benefit keeps that benefit and removes the other row. A merge keeps what
    :func:`undo` needs (a :class:`~registry.models.Merge`).
    """
    flag = DuplicateFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.status != FlagStatus.OPEN:
        raise DecisionError(_("This flag has already been decided."))
    if decision not in (FlagStatus.CONFIRMED, FlagStatus.DISMISSED, FlagStatus.MERGED):
        raise DecisionError(_("Choose confirm, dismiss or merge."))
    merge = None
    if decision == FlagStatus.MERGED:
        if keep not in ("a", "b"):
            raise DecisionError(_("Choose which record to keep."))
        merge = Merge(flag=flag, merged_by=request.user)
        if flag.kind == FlagKind.REPEAT_BENEFIT:
            kept, dropped = (
                (flag.benefit_a, flag.benefit_b)
                if keep == "a"
                else (flag.benefit_b, flag.benefit_a)
            )
            if kept is None or dropped is None:
                raise DecisionError(_("One of the two records no longer exists."))
            _drop_benefit(dropped, merge)
        else:
            kept, dropped = (
                (flag.person_a, flag.person_b) if keep == "a" else (flag.person_b, flag.person_a)
            )
            if kept is None or dropped is None:
                raise DecisionError(_("One of the two records no longer exists."))
            _merge_persons(kept, dropped, merge)
        merge.save()
    flag.refresh_from_db()
    flag.status = decision
    flag.decided_by = request.user
    flag.decided_at = timezone.now()
    flag.note = note
    flag.save()
    log_access(
        request,
        AccessAction.DUPLICATE_DECISION,
        lgi=flag.lgi,
        target=f"duplicate flag {flag.pk}",
        query=f"{decision} keep={keep}" if decision == FlagStatus.MERGED else decision,
    )
    return flag


def forget_old_merges(now=None) -> int:
    """Delete what merges older than `settings.REGISTRY_MERGE_UNDO_DAYS` kept for their undo
    (the removed person's name, birth date and encrypted identity number, the benefits' old
    places); the merges themselves stay, as made. Returns how many were forgotten."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REGISTRY_MERGE_UNDO_DAYS)
    return Merge.objects.filter(
        merged_at__lt=cutoff, undone_at__isnull=True, forgotten_at__isnull=True
    ).update(
        removed_person=None,
        kept_identity=None,
        moved_benefits=[],
        removed_benefits=[],
        flag_links=[],
        forgotten_at=now,
    )
