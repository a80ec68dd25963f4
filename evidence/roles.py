"""The evidence's part of the roles and the route, provisioned by kpss_setup: the management
team keeps the territories, everyone who reviews or audits reads the imported data, and the
analysis page takes the plan's route (its needs lead to the plan's priorities)."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from workflows.roles import (
    AUDITOR,
    MANAGEMENT_TEAM,
    PLAN_WORKFLOW,
    STEERING_GROUP,
    grant_app_permissions,
)

READ = ["view_territory", "view_populationfigure", "view_importrun"]
GRANTS = {
    MANAGEMENT_TEAM: [*READ, "add_territory", "change_territory"],
    STEERING_GROUP: READ,
    AUDITOR: READ,
}


def assign_analysis_workflow(page):
    workflow = Workflow.objects.filter(name=PLAN_WORKFLOW).first()
    if workflow:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    steering = Group.objects.filter(name=STEERING_GROUP).first()
    if steering:
        view = Permission.objects.get(content_type__app_label="wagtailcore", codename="view_page")
        GroupPagePermission.objects.get_or_create(group=steering, page=page, permission=view)


def sync():
    from evidence.models import NeedsAnalysisPage

    grant_app_permissions("evidence", GRANTS)
    for page in NeedsAnalysisPage.objects.all():
        assign_analysis_workflow(page)
