"""Roles (Django groups) with their page permissions, and the workflows on the site's tree.

`sync_all()` provisions everything idempotently (kpss_setup calls it); the `sync_*` functions for
one object run from signal handlers, so groups follow working groups, chapters, organisations and
services as they are added, renamed or reassigned. Nobody but administrators gets publish,
unpublish (publish), bulk delete or unlock permission: only the completed workflow publishes.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

MANAGEMENT_TEAM = "Manažerský tým"
STEERING_GROUP = "Nadoborová skupina"
AUDITOR = "Auditor"
WORKING_GROUP_PREFIX = "Pracovní skupina – "
PROVIDER_PREFIX = "Poskytovatel – "

REVIEW_TASK = "Posouzení manažerským týmem"
RESOLUTION_TASK = "Schválení nadoborovou skupinou"
PLAN_WORKFLOW = "Schválení komunitního plánu"
CONTENT_WORKFLOW = "Posouzení obsahu manažerským týmem"

GROUP_NAME_MAX = 150


def _page_permission(codename):
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=f"{codename}_page"
    )


def _grant_page(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def _model_permissions(group, specs):
    """specs: {"app_label.model": ["add", "change", ...]}"""
    wanted = []
    for label, actions in specs.items():
        app_label, model = label.split(".")
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        for action in actions:
            wanted.append(
                Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")
            )
    group.permissions.add(*wanted)


def _access_admin(group):
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def _may_request_translations(group):
    """Editors request translations of what they may edit (workflows/translations/)."""
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )


def _grant_collection(group, actions):
    root = Collection.get_first_root_node()
    for app_label, model, action in actions:
        permission = Permission.objects.get(
            content_type__app_label=app_label, codename=f"{action}_{model}"
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def _group_name(prefix, name):
    return (prefix + name)[:GROUP_NAME_MAX]


def home_pages():
    return [site.root_page for site in Site.objects.select_related("root_page")]


# --- Fixed roles -------------------------------------------------------------------------------

# Page permissions that would let someone publish, unpublish or bulk-delete around the route.
ADMIN_ONLY_PAGE_PERMISSIONS = ["publish_page", "bulk_delete_page", "unlock_page"]
WAGTAIL_SAMPLE_GROUPS = ["Editors", "Moderators"]
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"
SAMPLE_WORKFLOW_RETIRED = "Ukázkový postup Wagtailu (nepoužívá se)"
SAMPLE_TASK_RETIRED = "Ukázkový krok Wagtailu (nepoužívá se)"


def withhold_publishing():
    """Only administrators (superusers) publish directly; everyone else goes through a workflow."""
    GroupPagePermission.objects.filter(
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=ADMIN_ONLY_PAGE_PERMISSIONS,
    ).delete()
    # Wagtail's sample groups carry publish rights and mean nothing here; drop them while unused.
    Group.objects.filter(name__in=WAGTAIL_SAMPLE_GROUPS, user__isnull=True).delete()


def sync_fixed_roles():
    management, _ = Group.objects.get_or_create(name=MANAGEMENT_TEAM)
    steering, _ = Group.objects.get_or_create(name=STEERING_GROUP)
    auditor, _ = Group.objects.get_or_create(name=AUDITOR)
    for group in (management, steering, auditor):
        _access_admin(group)
        _model_permissions(group, {"workflows.approvalrecord": ["view"]})

    # The management team edits and creates all content, never publishes or deletes.
    # Auditors read everything; the steering group reads plan content (see assign_plan_workflow).
    audit_log = Permission.objects.get(content_type__app_label="audit", codename="view_audit_log")
    management.permissions.add(audit_log)
    # Who answers for a service or a chapter (workflows/responsibility.py).
    management.permissions.add(
        Permission.objects.get(
            content_type__app_label="workflows", codename="assign_responsibility"
        )
    )
    auditor.permissions.add(audit_log)
    _may_request_translations(management)
    for home in home_pages():
        _grant_page(management, home, ["add", "change", "lock"])
        _grant_page(auditor, home, ["view"])
    _management_records(management)
    _auditor_records(auditor)
    return management, steering, auditor


def _management_records(management):
    """Records and media the management team keeps: it never deletes (history stays whole)."""
    _model_permissions(
        management,
        {
            "kpss_pages.organisation": ["add", "change", "view"],
            "kpss_pages.municipality": ["add", "change", "view"],
            "kpss_pages.workinggroupmember": ["add", "change", "view"],
            "kpss_pages.servicekind": ["view"],
            "kpss_pages.targetgroup": ["view"],
            "kpss_pages.agecategory": ["view"],
            "kpss_pages.formofprovision": ["view"],
        },
    )
    _grant_collection(
        management,
        [
            ("wagtaildocs", "document", "add"),
            ("wagtaildocs", "document", "change"),
            ("wagtaildocs", "document", "choose"),
            ("wagtailimages", "image", "add"),
            ("wagtailimages", "image", "change"),
            ("wagtailimages", "image", "choose"),
        ],
    )


def _auditor_records(auditor):
    _model_permissions(
        auditor,
        {
            f"kpss_pages.{model}": ["view"]
            for model in (
                "organisation",
                "municipality",
                "workinggroupmember",
                "servicekind",
                "targetgroup",
                "agecategory",
                "formofprovision",
            )
        },
    )


# --- Working groups and providers ------------------------------------------------------------


def _managed_group(prefix, name, **link):
    """The role group linked to a working group or organisation, named after it, kept renamed."""
    from workflows.models import ManagedGroup

    managed = ManagedGroup.objects.filter(**link).select_related("group").first()
    name = _group_name(prefix, name)
    if managed is None:
        group, _ = Group.objects.get_or_create(name=name)
        managed = ManagedGroup.objects.create(group=group, **link)
    elif managed.group.name != name:
        managed.group.name = name
        managed.group.save(update_fields=["name"])
    group = managed.group
    _access_admin(group)
    _may_request_translations(group)
    _model_permissions(group, {"workflows.approvalrecord": ["view"]})
    _grant_collection(
        group,
        [
            ("wagtaildocs", "document", "add"),
            ("wagtaildocs", "document", "choose"),
            ("wagtailimages", "image", "add"),
            ("wagtailimages", "image", "choose"),
        ],
    )
    return group


def _exclusive_change(page, group, kind):
    """`group` is the only role group of this kind ("working_group" or "organisation") that may
    edit `page`; the management team's right comes from the home page and is untouched."""
    change = _page_permission("change")
    stale = GroupPagePermission.objects.filter(
        page=page, permission=change, **{f"group__managed__{kind}__isnull": False}
    )
    if group:
        stale = stale.exclude(group=group)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=change)
    stale.delete()


def sync_working_group(page):
    """A working group's role: its page, its minutes and the chapters it is responsible for."""
    from kpss_pages.models import PlanChapterPage

    group = _managed_group(WORKING_GROUP_PREFIX, page.title, working_group=page)
    _grant_page(group, page, ["add", "change"])
    for chapter in PlanChapterPage.objects.filter(working_group=page):
        sync_chapter(chapter)
    return group


def sync_chapter(chapter):
    from workflows.models import ManagedGroup

    responsible = ManagedGroup.objects.filter(working_group_id=chapter.working_group_id).first()
    _exclusive_change(chapter, responsible.group if responsible else None, "working_group")


def is_provider(organisation):
    from kpss_pages.models import TriadRole

    return organisation.triad_role == TriadRole.PROVIDER or organisation.services.exists()


def sync_organisation(organisation):
    if not is_provider(organisation):
        return None
    return _managed_group(PROVIDER_PREFIX, organisation.name, organisation=organisation)


def sync_service(service):
    _exclusive_change(service, sync_organisation(service.provider), "organisation")


# --- Workflows -------------------------------------------------------------------------------


def grant_app_permissions(app_label, grants):
    """An app above the route grants its permissions to the role groups ({group: [codename]})."""
    for group in Group.objects.filter(name__in=grants):
        app = Permission.objects.filter(content_type__app_label=app_label)
        group.permissions.add(*app.filter(codename__in=grants[group.name]))


def _workflow(name, tasks):
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    current = list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True))
    if current != [task.pk for task in tasks]:
        workflow.workflow_tasks.all().delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def sync_workflows(management, steering):
    from kpss_pages.models import CommunityPlanPage
    from workflows.models import ResolutionApprovalTask, ReviewTask

    review, _ = ReviewTask.objects.get_or_create(name=REVIEW_TASK)
    review.groups.set([management])
    resolution, _ = ResolutionApprovalTask.objects.get_or_create(name=RESOLUTION_TASK)
    resolution.groups.set([steering])

    plan_workflow = _workflow(PLAN_WORKFLOW, [review, resolution])
    content_workflow = _workflow(CONTENT_WORKFLOW, [review])

    # Wagtail's sample "Moderators approval" workflow on the root would be a second route.
    root = Page.get_first_root_node()
    WorkflowPage.objects.filter(page=root).exclude(workflow=content_workflow).delete()
    Workflow.objects.exclude(pk__in=[plan_workflow.pk, content_workflow.pk]).update(active=False)
    # Its name comes from Wagtail's migration in English; the Czech admin lists it disabled.
    Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW).update(name=SAMPLE_WORKFLOW_RETIRED)
    Task.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW).exclude(
        pk__in=[review.pk, resolution.pk]
    ).update(name=SAMPLE_TASK_RETIRED, active=False)

    for home in home_pages():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": content_workflow})
    for plan in CommunityPlanPage.objects.all():
        assign_plan_workflow(plan)
    # Snippets (reference data) are records, not published content: no workflow.
    WorkflowContentType.objects.all().delete()
    return plan_workflow, content_workflow


def assign_plan_workflow(plan):
    """The plan and its chapters take the two-step route; the steering group may read them."""
    workflow = Workflow.objects.filter(name=PLAN_WORKFLOW).first()
    if workflow:
        WorkflowPage.objects.update_or_create(page=plan, defaults={"workflow": workflow})
    steering = Group.objects.filter(name=STEERING_GROUP).first()
    if steering:
        _grant_page(steering, plan, ["view"])


# --- Translations ------------------------------------------------------------------------------


def mirror_translation(page):
    """A translated page takes its source page's role permissions and workflow assignment, so
    the same people edit it and it passes the same route (the source is the default locale's)."""
    default_locale = Locale.get_default()
    if page.locale_id == default_locale.pk:
        return
    source = (
        Page.objects.filter(translation_key=page.translation_key, locale=default_locale)
        .only("pk")
        .first()
    )
    if source is None:
        return
    wanted = set(
        GroupPagePermission.objects.filter(page=source).values_list("group_id", "permission_id")
    )
    present = {
        (row.group_id, row.permission_id): row
        for row in GroupPagePermission.objects.filter(page=page)
    }
    for key, row in present.items():
        if key not in wanted:
            row.delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(page_id=page.pk, group_id=group_id, permission_id=permission_id)
        for group_id, permission_id in wanted - present.keys()
    )
    source_workflow = WorkflowPage.objects.filter(page=source).first()
    if source_workflow:
        WorkflowPage.objects.update_or_create(
            page_id=page.pk, defaults={"workflow_id": source_workflow.workflow_id}
        )
    else:
        WorkflowPage.objects.filter(page_id=page.pk).delete()


def mirror_to_translations(page_id):
    """After a source page's permissions or workflow changed."""
    page = Page.objects.filter(pk=page_id).only("translation_key", "locale_id").first()
    if page is None or page.locale_id != Locale.get_default().pk:
        return
    for translation in page.get_translations().only("pk", "translation_key", "locale_id"):
        mirror_translation(translation)


@transaction.atomic
def sync_all():
    from kpss_pages.models import Organisation, ServicePage, WorkingGroupPage

    withhold_publishing()
    management, steering, _auditor = sync_fixed_roles()
    sync_workflows(management, steering)
    # Translations share the group of their source page.
    for page in WorkingGroupPage.objects.filter(locale=Locale.get_default()):
        sync_working_group(page)
    for organisation in Organisation.objects.all():
        sync_organisation(organisation)
    for service in ServicePage.objects.select_related("provider"):
        sync_service(service)
    for page in Page.objects.exclude(locale=Locale.get_default()).exclude(depth=1):
        mirror_translation(page)
