"""The consultation's part of the roles, provisioned by kpss_setup."""

from workflows.roles import AUDITOR, MANAGEMENT_TEAM, grant_app_permissions

GRANTS = {
    MANAGEMENT_TEAM: ["add_comment", "view_comment"],
    AUDITOR: ["view_comment"],
}


def sync():
    grant_app_permissions("consultation", GRANTS)
