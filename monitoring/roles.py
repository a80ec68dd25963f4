"""The monitoring's part of the roles, provisioned by kpss_setup."""

from django.contrib.auth.models import Group, Permission

from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP

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
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="monitoring", codename__in=codenames
                )
            )
