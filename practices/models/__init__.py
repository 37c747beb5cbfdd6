"""Good practices (ভালো শিখন), their replications, union budget allocations, circulars (পরিপত্র),
each practice's circular status (policy pipeline) and NILG's curated lists."""

from .circular import (
    CircularIndexPage,
    CircularPage,
    CircularState,
    CircularStatusChange,
)
from .curated import CuratedListIndexPage, CuratedListItem, CuratedListPage
from .practice import (
    SUSTAINABILITY_FIELDS,
    BestPracticeChange,
    CircularStatus,
    HowIdentified,
    PracticeIndexPage,
    PracticePage,
    PracticeTag,
)
from .replication import (
    BudgetAllocation,
    BudgetVersion,
    FundSource,
    Recheck,
    RecheckMilestone,
    RecheckOutcome,
    Replication,
    ReplicationStatus,
)
from .snippets import TagName, Theme, tag_label

__all__ = [
    "SUSTAINABILITY_FIELDS",
    "BestPracticeChange",
    "BudgetAllocation",
    "BudgetVersion",
    "CircularIndexPage",
    "CircularPage",
    "CircularState",
    "CircularStatus",
    "CircularStatusChange",
    "CuratedListIndexPage",
    "CuratedListItem",
    "CuratedListPage",
    "FundSource",
    "HowIdentified",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeTag",
    "Recheck",
    "RecheckMilestone",
    "RecheckOutcome",
    "Replication",
    "ReplicationStatus",
    "TagName",
    "Theme",
    "tag_label",
]
