"""Keep each practice's figures in step with its replications, their re-checks, budget lines and
the best-practice rule (threshold, and whether stopped replications count)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from portal.models import PortalSettings

from .models import BudgetAllocation, Recheck, Replication
from .tasks import schedule_recompute

RULE_FIELDS = ("best_practice_threshold", "best_practice_excludes_stopped")


@receiver(post_save, sender=Replication)
@receiver(post_save, sender=BudgetAllocation)
@receiver(post_delete, sender=Replication)
@receiver(post_delete, sender=BudgetAllocation)
def practice_rows_changed(sender, instance, **kwargs):
    schedule_recompute({instance.practice_id, getattr(instance, "_loaded_practice_id", None)})
    instance._loaded_practice_id = instance.practice_id


@receiver(post_save, sender=Recheck)
@receiver(post_delete, sender=Recheck)
def recheck_changed(sender, instance, **kwargs):
    # A re-check deleted with its replication: the replication's own deletion recomputes.
    practice_id = (
        Replication.objects.filter(pk=instance.replication_id)
        .values_list("practice_id", flat=True)
        .first()
    )
    if practice_id is not None:
        schedule_recompute({practice_id})


@receiver(pre_save, sender=PortalSettings)
def remember_threshold(sender, instance, **kwargs):
    previous = sender.objects.filter(pk=instance.pk).values_list(*RULE_FIELDS)
    instance._previous_rule = previous.first() if instance.pk else None


@receiver(post_save, sender=PortalSettings)
def threshold_changed(sender, instance, **kwargs):
    if instance._previous_rule != tuple(getattr(instance, name) for name in RULE_FIELDS):
        schedule_recompute(None)
