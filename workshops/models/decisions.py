from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..numbering import bangla_letter, decision_letter, english_letter


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)


class ResponsibleBody(index.Indexed, models.Model):
    """A body a decision asks to act: a ministry, a division's wing, a programme, a union."""

    name_bn = models.CharField(_("name (Bangla)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("union parishad or pourashava"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"level__in": ["union", "pourashava"]},
        related_name="responsible_bodies",
        help_text=_(
            "When the body is an LGI: its staff are told when a decision it is responsible "
            "for falls due, and when it is overdue."
        ),
    )

    search_fields = [
        index.SearchField("name_bn", boost=2),
        index.SearchField("name_en", boost=2),
        index.AutocompleteField("name_bn"),
        index.AutocompleteField("name_en"),
        index.FilterField("name_bn"),
        index.FilterField("name_en"),
    ]

    class Meta:
        ordering = ["name_bn"]
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")

    def __str__(self):
        return self.name

    @property
    def name(self):
        if (get_language() or "bn").startswith("en") and self.name_en:
            return self.name_en
        return self.name_bn


class Decision(Orderable, ClusterableModel):
    """A numbered decision (সিদ্ধান্ত) of a workshop or meeting, and what became of it.

    Its number is its place among the workshop's decisions (`sort_order`, kept 0, 1, 2 … by
    the workshop's save), shown as ক, খ, গ … (`numbering`). `status` moves only through
    follow-ups, never through the page editor, so publishing an older draft of the workshop
    cannot undo a follow-up.
    """

    workshop = ParentalKey(
        "workshops.WorkshopPage", on_delete=models.CASCADE, related_name="decisions"
    )
    text_bn = models.TextField(_("decision (Bangla)"))
    text_en = models.TextField(_("decision (English)"), blank=True)
    responsible_bodies = ParentalManyToManyField(
        ResponsibleBody,
        verbose_name=_("responsible bodies"),
        blank=True,
        related_name="decisions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice it concerns"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_decisions",
    )
    nominates_for_circular = models.BooleanField(
        _("nominates the practice for a circular"),
        default=False,
        help_text=_(
            "When the workshop is published the practice is recorded as nominated at this "
            "workshop; when the decision is done, as presented to policymakers."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DecisionStatus.choices,
        default=DecisionStatus.OPEN,
        editable=False,
        db_index=True,
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, editable=False)
    nomination = models.ForeignKey(
        "practices.CircularStatusChange",
        verbose_name=_("nomination recorded"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("text_bn"),
        FieldPanel("text_en"),
        FieldPanel("responsible_bodies", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("due_date"), FieldPanel("practice")]),
        FieldPanel("nominates_for_circular"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.letter}) {self.text[:60]}"

    def save(self, *args, **kwargs):
        if self.sort_order is None and self.workshop_id:
            last = Decision.objects.filter(workshop_id=self.workshop_id).aggregate(
                last=models.Max("sort_order")
            )["last"]
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)

    @property
    def position(self):
        return (self.sort_order or 0) + 1

    @property
    def letter(self):
        return decision_letter(self.position, get_language())

    @property
    def letter_bn(self):
        return bangla_letter(self.position)

    @property
    def letter_en(self):
        return english_letter(self.position)

    @property
    def text(self):
        if (get_language() or "bn").startswith("en") and self.text_en:
            return self.text_en
        return self.text_bn

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def days_overdue(self, today=None):
        """Days past the due date of an open decision (0 or less: not overdue)."""
        if not self.is_open or self.due_date is None:
            return 0
        return ((today or timezone.localdate()) - self.due_date).days

    def is_overdue(self, today=None):
        return self.days_overdue(today) > 0


class FollowUp(models.Model):
    """A dated note on how a decision is being carried out, possibly changing its status."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("decision")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"))
    status = models.CharField(
        _("new status"),
        max_length=12,
        choices=DecisionStatus.choices,
        blank=True,
        help_text=_("Leave blank when the note does not change the decision's status."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return f"{self.decision}: {self.date}"
