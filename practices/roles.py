"""Permissions of the practices app's models, per role (page permissions: `editorial.py`)."""

from portal.roles import NILG_CURATOR, UP_EDITOR, extend_role

LGI_RECORDS = ("replication", "budgetallocation", "recheck")

extend_role(
    UP_EDITOR,
    *(
        f"practices.{action}_{model}"
        for model in LGI_RECORDS
        for action in ("add", "change", "view")
    ),
)
extend_role(
    NILG_CURATOR,
    *(
        f"practices.{action}_{model}"
        for model in (*LGI_RECORDS, "theme", "tagname")
        for action in ("add", "change", "delete", "view")
    ),
)
