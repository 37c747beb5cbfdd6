"""Background work of imports. Both tasks are idempotent: running one twice, or again after a
worker died in the middle, gives the same result as running it once."""

from celery import shared_task

from . import runner


@shared_task(acks_late=True)
def validate_job(job_id):
    """Check every row of an uploaded file and write the job's dry-run report."""
    return runner.check(job_id)


@shared_task(acks_late=True)
def commit_job(job_id):
    """Write a checked file in one transaction; a committed job is left alone."""
    return runner.commit(job_id)


@shared_task
def purge_stale_uploads():
    """Remove uploaded files holding personal data that were left unimported (daily)."""
    return runner.purge_stale_uploads()


@shared_task
def fail_stuck_jobs():
    """Mark failed the jobs whose server stopped while checking or committing them (every
    quarter of an hour), so that they can be tried again."""
    return runner.fail_stuck_jobs()
