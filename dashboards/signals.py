"""Keep the dashboard's aggregates and its data version in step with the data it shows."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from imports.signals import job_committed
from places.models import Area
from portal.models import PortalSettings
from practices.counts import figures_changed
from practices.models import (
    BudgetAllocation,
    CircularPage,
    CircularStatusChange,
    PracticePage,
    Replication,
    Theme,
)

from . import versions
from .tasks import copy_registry_figures, schedule_refresh


@receiver(post_save, sender=Replication)
@receiver(post_save, sender=BudgetAllocation)
@receiver(post_delete, sender=Replication)
@receiver(post_delete, sender=BudgetAllocation)
def practice_rows_changed(sender, instance, **kwargs):
    schedule_refresh({instance.practice_id, getattr(instance, "_loaded_practice_id", None)})


@receiver(figures_changed)
def practice_figures_changed(sender, practice_ids, **kwargs):
    schedule_refresh(practice_ids)


@receiver(page_published, sender=PracticePage)
@receiver(page_unpublished, sender=PracticePage)
def practice_page_changed(sender, instance, **kwargs):
    # Publishing may change the theme or the originating LGI, unpublishing takes it off.
    schedule_refresh({instance.pk})
    versions.bump()


@receiver(page_published, sender=CircularPage)
@receiver(page_unpublished, sender=CircularPage)
@receiver(post_delete, sender=PracticePage)
@receiver(post_delete, sender=CircularPage)
@receiver(post_save, sender=CircularStatusChange)
@receiver(post_delete, sender=CircularStatusChange)
@receiver(post_save, sender=PortalSettings)
@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Area)
def shown_data_changed(sender, **kwargs):
    versions.bump()


def benefit_changed(sender, instance, **kwargs):
    # The registry has updated its own figures by the time this transaction commits.
    if instance.practice_id:
        schedule_refresh({instance.practice_id})


def rows_imported(sender, job, **kwargs):
    # Imports write in bulk, without model signals: copy the registry's figures now (a cheap
    # no-op when the import changed none of them) rather than at the next beat.
    transaction.on_commit(copy_registry_figures.delay, robust=True)


def _connect_optional():
    """A benefit saved one at a time changes its practice's beneficiary figures; a committed
    import copies them again; the `copy_registry_figures` beat task catches anything else."""
    job_committed.connect(rows_imported, dispatch_uid="dashboards-rows-imported")
    if apps.is_installed("registry"):
        try:
            benefit = apps.get_model("registry", "Benefit")
        except LookupError:
            return
        post_save.connect(benefit_changed, sender=benefit, dispatch_uid="dashboards-benefit")
        post_delete.connect(benefit_changed, sender=benefit, dispatch_uid="dashboards-benefit-d")


_connect_optional()
