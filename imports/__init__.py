"""Bulk imports from CSV and Excel: upload → dry run (check every row) → all-or-nothing commit.

An app plugs in by writing an importer in ``<app>/importers.py`` (found at start-up) and
registering it. The framework reads the file row by row (never whole), matches the header row,
parses every cell, runs the importer's row checks, shows a preview and a row-by-row error
report, and on the user's "Commit" writes every row in one transaction, batch by batch, as a
Celery task with a progress bar. Nothing is written unless every row is good.

Writing an importer
-------------------
::

    from django.utils.translation import gettext_lazy as _

    from imports import Column, Importer, Outcome, RowError, parsers, register, upsert


    @register
    class ReplicationImporter(Importer):
        kind = "replications"                  # slug: /imports/replications/new/
        label = _("Replications")
        description = _("One row per LGI that took up a practice.")
        columns = [
            Column("upazila", _("Upazila"), parsers.area("upazila"), aliases=["Upazila code"]),
            Column("union", _("Union"), parsers.area("union", within="upazila"), required=True),
            Column("status", _("Status"), parsers.choice(ReplicationStatus), required=True),
            Column("start_date", _("Start date"), parsers.date()),
            Column("fiscal_year", _("Fiscal year"), parsers.fiscal_year(first=2007)),
            Column("households", _("Households reached"), parsers.integer(min_value=0)),
        ]
        key_columns = ["union"]                # natural key: one row per union
        unique_columns = []                    # further column sets no two rows may share
        batch_size = 1000

        @classmethod
        def can_use(cls, user):                # who may upload with it (default: curators)
            return is_curator(user)

        def validate(self, row, context):      # cross-field rules; pass 1 and pass 2
            if row["start_date"] and row["status"] == "planned":
                raise RowError(_("A planned replication has no start date yet."),
                               column="start_date")

        def commit_batch(self, rows, context):  # pass 2 only, inside the transaction
            practice = context.options["practice"]
            return upsert(
                Replication,
                [Replication(practice_id=practice, lgi=r["union"], status=r["status"], ...)
                 for r in rows],
                key_fields=["practice", "lgi"],
                update_fields=["status", "start_date", "fiscal_year", "households_reached"],
            )

Columns
    ``Column(name, label, parser=parsers.text(), *, aliases=(), required=False, default=None,
    help="")``. ``name`` is the key in a parsed row. A file's header cell matches a column when,
    after ignoring case, spaces, ``_ - . : * ( )`` and Unicode form (NFC, Bangla or ASCII
    digits), it equals the name, the label in Bangla or in English, or one of the aliases (give
    the other spellings people use, Bangla and English). Columns the importer does not know are
    ignored and listed in the report. A missing required column fails the whole file. An empty
    cell gives ``default`` (``None``), or the error "… is empty" when ``required``; parsers
    never see empty cells. Columns are parsed in the order declared, so a parser may use an
    earlier column (``within="upazila"``).

Parsers (``imports.parsers``; every refusal names the value, in Bangla and English)
    ``text(max_length=None)``: NFC, spaces collapsed. ``integer(min_value, max_value)``.
    ``amount(min_value=0, max_value=999999999999.99, decimal_places=2)``, a ``Decimal``.
    Numbers: Bangla or ASCII digits, lakh (১২,৩৪,৫৬৭) or western grouping, ``টাকা``/``Tk``/
    ``৳``, numeric Excel cells. ``date(earliest=None, latest=None)``: DD/MM/YYYY, DD-MM-YYYY,
    DD.MM.YYYY, YYYY-MM-DD, Excel date cells, Bangla digits; bounds are dates or "today".
    ``choice(choices, aliases=None)``: a ``TextChoices`` class or ``(value, label)`` pairs,
    matched by value or by the label in Bangla or English; returns the value. ``boolean()``:
    yes/no, হ্যাঁ/না, আছে/নেই, 1/0, true/false. ``fiscal_year(first=1972, last=None)``:
    ``2023-24``, ``২০২৩-২৪``, ``2023-2024``, ``2023/24``; returns ``"2023-24"``; ``last``
    defaults to the fiscal year after the current one. ``area(*levels, within=None,
    in_scope=False)``: an ``Area`` of one of ``levels`` by P-code, key (``UN12``, ``PS3``) or
    Bangla/English name. Case, spaces and punctuation are ignored; when nothing matches
    exactly, a trailing "Upazila"/"উপজেলা" etc., former English spellings (Comilla) and Bangla
    spelling variants (ণ/ন, ী/ি) are tried. ``within`` names an earlier column whose area must
    contain this one; a name shared by several areas in the search space is refused with a
    message listing them; ``in_scope=True`` refuses areas outside the job's LGI scope. Areas
    are loaded once per pass and each distinct cell value is resolved once, so a million rows
    naming the same few unions cost a few queries.
    A custom parser is any ``Parser`` subclass with ``parse(value, row, context)`` (``value``
    is a stripped ``str``, or an ``int``/``float``/``datetime``/``bool`` from an Excel cell)
    that returns the value or raises ``CellError(message, **params)``; override
    ``display(value)`` for the preview. Parsed values shown in the preview and the values
    quoted in messages are stored in the job's report: a parser of secret values (identity
    numbers) must mask them in ``display()`` and in its messages.

Messages
    ``RowError(message, column=None, **params)`` and ``CellError(message, **params)`` take a
    ``gettext_lazy`` string with ``%(name)s`` placeholders; it is rendered in Bangla and in
    English when the error is recorded, and shown in the reader's language. The report gives
    each error as (row number as in the file, column header as in the file, reason).

Importer hooks (all optional except ``commit_batch``)
    ``can_use(user)`` classmethod: may upload with this importer (default: NILG curators).
    ``visible_jobs(user)`` classmethod: a ``Q`` over ``ImportJob`` of the jobs of this kind a
    user may see (default: their own; curators and superusers all). Anyone else gets 404.
    ``scope_queryset(user)`` classmethod: if the importer sets ``scoped = True`` the upload
    form asks for an LGI from this queryset (default: the user's LGIs) and the job keeps it
    as ``context.scope``. ``options_form``: a ``forms.Form`` class whose fields are added to
    the upload form; its cleaned data (model instances as primary keys) is ``context.options``.
    ``start(context)``: before each pass. ``validate(row, context)``: raise ``RowError`` for a
    row that breaks a rule; runs in the dry run and again while committing (the data may have
    changed since). ``natural_key(row)``: identity of a row, by default the values of
    ``key_columns`` (areas and other model instances by primary key, text normalised); two
    rows with the same key in one file are refused ("repeats row 12"), as are two rows
    sharing the values of any list in ``unique_columns``; ``None`` skips the check. Keys seen
    are kept on disk beyond 10,000, so a file of a million rows is checked in bounded memory.
    ``job_viewed(request, job, what)`` classmethod: called when someone sees a job's rows
    ("preview") or downloads its errors ("errors"); an importer of personal data logs it.
    ``commit_batch(rows, context)``: write a list of rows, return an ``Outcome(created,
    updated, unchanged)``; it must be idempotent on the natural key so re-importing a file
    changes nothing. ``finish(context)``: after the last batch, inside the transaction (e.g.
    recount denormalised totals).

Rows and context
    A row is a dict of column name → parsed value with ``row.number`` (the row number the user
    sees in the file). ``context`` has ``importer``, ``job``, ``user``, ``scope`` (an ``Area``
    or ``None``), ``options`` (dict), ``committing`` (False in the dry run), ``cache`` (a dict
    for the importer's own lookups, fresh for each pass) and ``key(row)``.

Helpers
    ``upsert(model, objects, key_fields, update_fields)``: insert the new objects and update
    the changed ones of one batch in at most three queries (bulk_create/bulk_update: no
    ``save()``, no signals); returns an ``Outcome``. Registry-scale importers may write with
    PostgreSQL ``COPY`` in ``commit_batch`` instead: it runs inside the import's transaction.
    ``file_holds_personal_data = True`` removes the uploaded file once its rows are written, once
    the check refuses it, or after ``STALE_UPLOAD_DAYS`` without either (a daily beat task).
    ``registry.register(cls)`` (also ``imports.register``), ``registry.get(kind)``,
    ``registry.all()``, ``registry.usable_by(user)``.

Jobs, tasks and pages
    ``imports.models.ImportJob`` (status uploaded → validating → valid | invalid → committing →
    committed | failed), with ``report`` (columns, preview, the first 1,000 errors; the CSV
    download has every error), ``rows_total``/``rows_done``, ``error_count`` and
    ``created_count``/``updated_count``/``unchanged_count``. Files (uploads, error reports) are
    kept in private storage (``imports.storage``: ``PRIVATE_MEDIA_ROOT/imports/``, outside
    ``MEDIA_ROOT``) under random names, with no public URL. Every message has identity numbers
    masked (``portal.privacy``). A job with no progress for ``IMPORTS_JOB_TIMEOUT`` seconds
    (an hour) while waiting, checked or committed is stuck (its server stopped): it is marked
    failed when its page is seen or by the daily purge, and its commit can be tried again (a
    stopped check: upload again). Progress: while checking, ``rows_done`` counts
    rows checked; while committing, rows written, updated every 2,000 rows through a second
    connection on PostgreSQL (the import's own transaction is still open); on SQLite only
    before and after the commit. Tasks ``imports.tasks.validate_job`` and
    ``imports.tasks.commit_job`` are idempotent and safe to retry; views enqueue them with
    ``transaction.on_commit``. Pages: ``/imports/`` (``imports:index``),
    ``/imports/<kind>/new/`` (``imports:new``), ``/imports/<id>/`` (``imports:job``) with its
    ``progress.json``, ``commit/`` and ``errors.csv``; ``/imports/<kind>/template.csv`` is an
    empty file with the expected headers. To link from an app's page:
    ``{% url 'imports:new' kind='replications' %}``.
"""

from .base import CellError, Column, Importer, Outcome, RowError
from .registry import register
from .upsert import upsert

__all__ = ["CellError", "Column", "Importer", "Outcome", "RowError", "register", "upsert"]
