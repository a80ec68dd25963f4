"""The monitoring's part of the roles, provisioned by kpss_setup."""

from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP, grant_app_permissions

GRANTS = {
    MANAGEMENT_TEAM: [
        "add_monitoringround",
        "change_monitoringround",
        "view_monitoringround",
        "change_measurereport",
        "view_measurereport",
    ],
    STEERING_GROUP: ["view_monitoringround", "view_measurereport"],
    AUDITOR: ["view_monitoringround", "view_measurereport"],
}


def sync():
    grant_app_permissions("monitoring", GRANTS)
