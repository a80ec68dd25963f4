"""Editors can only build sensible trees: each page type has its allowed parents and children."""

from django.urls import reverse

from wagtail.models import Page

from kpss_pages.models import (
    AccessibilityStatementPage,
    CommunityPlanPage,
    DocumentIndexPage,
    HomePage,
    MeetingPage,
    NewsIndexPage,
    NewsPage,
    PlanChapterPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from tests.route import add_url


def parents(model):
    """The page types `model` may be created under (Wagtail's own reckoning of both sides)."""
    return set(model.allowed_parent_page_models())


def children(model):
    """The page types that may be created under `model`."""
    return set(model.allowed_subpage_models())


def test_the_analysis_page_sits_under_the_home_page_once_and_has_no_children():
    from evidence.models import NeedsAnalysisPage

    assert parents(NeedsAnalysisPage) == {HomePage}
    assert NeedsAnalysisPage.max_count_per_parent == 1
    assert children(NeedsAnalysisPage) == set()


def test_home_page_sits_at_the_root_only():
    assert parents(HomePage) == {Page}


def test_home_page_offers_the_site_sections():
    from evidence.models import NeedsAnalysisPage

    assert children(HomePage) == {
        NeedsAnalysisPage,
        StandardPage,
        CommunityPlanPage,
        ServiceIndexPage,
        WorkingGroupIndexPage,
        NewsIndexPage,
        AccessibilityStatementPage,
        DocumentIndexPage,
    }


def test_plan_has_chapters_action_plans_and_consultations_of_its_drafts():
    from consultation.models import ConsultationPage, SettlementPage
    from kpss_pages.models import ActionPlanPage
    from monitoring.models import EvaluationIndexPage, EvaluationPage

    assert children(CommunityPlanPage) == {
        PlanChapterPage,
        ActionPlanPage,
        ConsultationPage,
        EvaluationIndexPage,
    }
    # One list of the years evaluated, each year's evaluation under it.
    assert EvaluationIndexPage.max_count_per_parent == 1
    assert children(EvaluationIndexPage) == {EvaluationPage}
    assert children(EvaluationPage) == set()
    assert parents(ActionPlanPage) == {CommunityPlanPage}
    assert children(ActionPlanPage) == {ConsultationPage}, "an action plan is consulted too"
    assert parents(ConsultationPage) == {CommunityPlanPage, ActionPlanPage}
    # One settlement of its comments, and nothing under it.
    assert children(ConsultationPage) == {SettlementPage}
    assert SettlementPage.max_count_per_parent == 1
    assert children(SettlementPage) == set()
    assert parents(CommunityPlanPage) == {HomePage}


def test_chapter_lives_in_a_plan_and_has_no_children():
    assert parents(PlanChapterPage) == {CommunityPlanPage}
    assert children(PlanChapterPage) == set()


def test_chapter_cannot_be_created_outside_a_plan():
    assert PlanChapterPage not in children(HomePage)
    assert PlanChapterPage not in children(StandardPage)


def test_working_groups_hold_their_minutes():
    assert children(WorkingGroupIndexPage) == {WorkingGroupPage}
    assert children(WorkingGroupPage) == {MeetingPage}
    assert parents(MeetingPage) == {WorkingGroupPage}
    assert children(MeetingPage) == set()


def test_services_live_in_the_catalogue():
    assert children(ServiceIndexPage) == {ServicePage}
    assert parents(ServicePage) == {ServiceIndexPage}
    assert children(ServicePage) == set()


def test_news_live_in_the_news_index():
    assert children(NewsIndexPage) == {NewsPage}
    assert parents(NewsPage) == {NewsIndexPage}


def test_standard_pages_nest():
    assert parents(StandardPage) == {HomePage, StandardPage}
    assert children(StandardPage) == {StandardPage}


def test_admin_refuses_to_create_a_chapter_outside_a_plan(admin_client, home):
    url = add_url(PlanChapterPage, home)
    # The admin answers a refused action by sending the user back to the dashboard.
    for response in (admin_client.get(url), admin_client.post(url, {"title": "K", "slug": "k"})):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert not PlanChapterPage.objects.exists()
