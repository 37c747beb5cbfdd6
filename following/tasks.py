from celery import shared_task

from . import digest


@shared_task
def send_digests():
    """Every digest due now (daily and weekly alike); beat runs it each morning."""
    return digest.send_digests()
