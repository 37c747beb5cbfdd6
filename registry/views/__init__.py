"""The registry's screens under /registry/. Personal data only for users whose reach covers the
union (:mod:`registry.access`), every view of it logged; everyone else sees figures only.

    common      paging and the guards every screen of personal data shares
    households  the registry's home, a union's households and persons, the search
    lists       priority lists, duplicate review, imports, the access log, impact figures
"""

from .households import (
    household_detail,
    index,
    person_detail,
    reveal_identity,
    search,
    stale_households,
    union_overview,
    verify_household,
)
from .lists import (
    access_log,
    duplicate_detail,
    duplicate_queue,
    imports,
    practice_impact,
    priority_list,
    undo_merge,
)

__all__ = [
    "access_log",
    "duplicate_detail",
    "duplicate_queue",
    "household_detail",
    "imports",
    "index",
    "person_detail",
    "practice_impact",
    "priority_list",
    "reveal_identity",
    "search",
    "stale_households",
    "undo_merge",
    "union_overview",
    "verify_household",
]
