"""Who edits the search glossary: NILG curators, in the admin's snippets."""

from portal.roles import NILG_CURATOR, extend_role

extend_role(
    NILG_CURATOR,
    *(f"portal_search.{action}_glossaryentry" for action in ("add", "change", "delete", "view")),
)
