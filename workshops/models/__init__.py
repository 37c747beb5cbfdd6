"""Workshops (কর্মশালা) and their decisions, exposure visits (অভিজ্ঞতা বিনিময় সফর) and the
commitments to replicate that visitors make."""

from .attendance import ParticipantCounts
from .decisions import (
    OPEN_STATUSES,
    Decision,
    DecisionStatus,
    FollowUp,
    ResponsibleBody,
)
from .pages import (
    WorkshopAttachment,
    WorkshopIndexPage,
    WorkshopKind,
    WorkshopPage,
    WorkshopPractice,
)
from .visits import ExposureVisit, ReplicationCommitment, VisitingLGI, VisitPractice

__all__ = [
    "OPEN_STATUSES",
    "Decision",
    "DecisionStatus",
    "ExposureVisit",
    "FollowUp",
    "ParticipantCounts",
    "ReplicationCommitment",
    "ResponsibleBody",
    "VisitPractice",
    "VisitingLGI",
    "WorkshopAttachment",
    "WorkshopIndexPage",
    "WorkshopKind",
    "WorkshopPage",
    "WorkshopPractice",
]
