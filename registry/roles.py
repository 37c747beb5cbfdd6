"""The registry's permissions per role. Personal data itself is gated by
`portal.roles.can_view_personal_data`, not by model permissions."""

from portal.roles import NILG_CURATOR, extend_role

extend_role(
    NILG_CURATOR,
    "registry.add_programme",
    "registry.change_programme",
    "registry.view_programme",
)
