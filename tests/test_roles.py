"""Roles are provisioned by kpss_setup and follow content as it is added, renamed or reassigned."""

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

import pytest

from kpss_pages import factories
from tests.route import publish
from workflows.roles import (
    AUDITOR,
    CONTENT_WORKFLOW,
    MANAGEMENT_TEAM,
    PLAN_WORKFLOW,
    STEERING_GROUP,
)

pytestmark = pytest.mark.django_db


def page_perms(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_setup_creates_the_fixed_roles_without_publish_rights(home):
    for name in (MANAGEMENT_TEAM, STEERING_GROUP, AUDITOR):
        assert Group.objects.filter(name=name).exists()
    assert page_perms(MANAGEMENT_TEAM, home) == {"add_page", "change_page", "lock_page"}
    assert page_perms(AUDITOR, home) == {"view_page"}
    assert not GroupPagePermission.objects.filter(
        permission__codename__in=["publish_page", "bulk_delete_page", "unlock_page"]
    ).exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_workflows_cover_the_site_and_each_plan(home, plan):
    assert WorkflowPage.objects.get(page=home).workflow.name == CONTENT_WORKFLOW
    assert WorkflowPage.objects.get(page=plan).workflow.name == PLAN_WORKFLOW
    tasks = [t.name for t in Workflow.objects.get(name=PLAN_WORKFLOW).tasks]
    assert tasks == ["Posouzení manažerským týmem", "Schválení nadoborovou skupinou"]
    assert page_perms(STEERING_GROUP, plan) == {"view_page"}
    chapter = factories.PlanChapterPageFactory(parent=plan, title="K", number=5, live=False)
    assert chapter.get_workflow().name == PLAN_WORKFLOW


def test_working_group_role_follows_renames(working_group):
    group = working_group.role_group.group
    assert group.name == "Pracovní skupina – Senioři"
    assert page_perms(group.name, working_group) == {"add_page", "change_page"}

    working_group.title = "Senioři a pečující"
    publish(working_group)

    group.refresh_from_db()
    assert group.name == "Pracovní skupina – Senioři a pečující"
    assert Group.objects.filter(name__startswith="Pracovní skupina – Senioři").count() == 1


def test_chapter_edit_right_moves_when_the_chapter_is_reassigned(chapter, working_group):
    other = factories.WorkingGroupPageFactory(parent=working_group.get_parent(), title="Rodina")
    assert page_perms("Pracovní skupina – Senioři", chapter) == {"change_page"}

    chapter.working_group = other
    publish(chapter)

    assert page_perms("Pracovní skupina – Senioři", chapter) == set()
    assert page_perms("Pracovní skupina – Rodina", chapter) == {"change_page"}


def test_provider_role_follows_renames(organisation):
    organisation.name = "Charita Nová"
    organisation.save()

    assert (
        Group.objects.get(managed__organisation=organisation).name == "Poskytovatel – Charita Nová"
    )


def test_setup_is_idempotent_for_roles(home, plan, chapter):
    from django.core.management import call_command

    def snapshot():
        return (
            sorted(Group.objects.values_list("name", flat=True)),
            GroupPagePermission.objects.count(),
            WorkflowPage.objects.count(),
        )

    before = snapshot()
    call_command("kpss_setup", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_site_history_shows_group_managers_only_what_they_may_edit(
    client, chapter, working_group, plan, make_user
):
    """wagtail#9181: Wagtail would also list the plan's and home page's history (ancestors)."""
    from django.urls import reverse

    plan.title = "Plán – tajná úprava MT"
    plan.save_revision(log_action=True)
    chapter.title = "Senioři – úprava skupiny"
    chapter.save_revision(log_action=True)

    client.force_login(make_user("manazerka", "Pracovní skupina – Senioři"))
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Senioři – úprava skupiny" in html
    assert "Plán – tajná úprava MT" not in html

    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Plán – tajná úprava MT" in html
