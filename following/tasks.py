from celery import shared_task

from . import digest, signals


@shared_task
def send_digests():
    """Every digest due now (daily and weekly alike); beat runs it each morning."""
    return digest.send_digests()


@shared_task
def decisions_falling_due():
    """The staff of LGIs responsible for decisions falling due or overdue are told (daily)."""
    return signals.decisions_falling_due()
