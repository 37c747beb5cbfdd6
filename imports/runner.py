"""The two passes of an import, and the names the rest of the portal calls them by.

Pass 1 (`check`, in ``imports.checking``) streams the file, parses and validates every row and
writes a report: counts, a preview of the first rows as parsed, and the errors (the first
MAX_ERRORS in the report, all of them in a CSV beside it). It writes nothing else.

Pass 2 (`commit`, in ``imports.committing``) streams the file again and hands rows to the
importer in batches, inside ONE transaction that also marks the job committed: a row that has
gone bad since the check, an exception or a worker that dies mid-way leaves the database as it
was, and running the commit again redoes the whole transaction. A committed job is never written
twice.

Both read the file the same way: the header row bound to the importer's columns
(``imports.headers``), then each row parsed and checked (``imports.rows``); what they share about
the job (progress, failing it, its file, failing stuck jobs, purging stale uploads) is in
``imports.jobs``.
"""

from .checking import check
from .committing import commit
from .jobs import fail_stuck_jobs, purge_stale_uploads

__all__ = ["check", "commit", "fail_stuck_jobs", "purge_stale_uploads"]
