"""Keep each practice's figures in step with its replications, budget lines and the threshold."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from portal.models import PortalSettings

from .models import BudgetAllocation, Replication
from .tasks import schedule_recompute


@receiver(post_save, sender=Replication)
@receiver(post_save, sender=BudgetAllocation)
@receiver(post_delete, sender=Replication)
@receiver(post_delete, sender=BudgetAllocation)
def practice_rows_changed(sender, instance, **kwargs):
    schedule_recompute({instance.practice_id, getattr(instance, "_loaded_practice_id", None)})
    instance._loaded_practice_id = instance.practice_id


@receiver(pre_save, sender=PortalSettings)
def remember_threshold(sender, instance, **kwargs):
    previous = sender.objects.filter(pk=instance.pk).values_list(
        "best_practice_threshold", flat=True
    )
    instance._previous_threshold = previous.first() if instance.pk else None


@receiver(post_save, sender=PortalSettings)
def threshold_changed(sender, instance, **kwargs):
    if instance._previous_threshold != instance.best_practice_threshold:
        schedule_recompute(None)
