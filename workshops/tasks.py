"""Background work of the workshops app; every task is idempotent and safe to retry."""

from celery import shared_task


@shared_task
def record_due_nominations():
    """Record the nominations of workshops whose date has come (published ahead of the day)."""
    from .follow_up import record_due_nominations as record

    return f"{record()} nominations recorded"
