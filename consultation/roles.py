"""The consultation's part of the roles, provisioned by kpss_setup."""

from django.contrib.auth.models import Group, Permission

from workflows.roles import AUDITOR, MANAGEMENT_TEAM

GRANTS = {
    MANAGEMENT_TEAM: ["add_comment", "view_comment"],
    AUDITOR: ["view_comment"],
}


def sync():
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="consultation", codename__in=codenames
                )
            )
