"""What each role may do with workshops, decisions and exposure visits.

Workshop pages themselves are edited under the page permissions NILG curators get on the
workshops index (`signals.grant_curators_workshops`); which visits a UP editor may touch is
narrowed to their own LGIs by `permissions.ExposureVisitPermissionPolicy`.
"""

from portal.roles import NILG_CURATOR, UP_EDITOR, extend_role

extend_role(
    NILG_CURATOR,
    "workshops.add_followup",
    "workshops.change_followup",
    "workshops.add_responsiblebody",
    "workshops.change_responsiblebody",
    "workshops.add_exposurevisit",
    "workshops.change_exposurevisit",
    "workshops.delete_exposurevisit",
)
extend_role(
    UP_EDITOR,
    "workshops.add_exposurevisit",
    "workshops.change_exposurevisit",
    "workshops.delete_exposurevisit",
)
