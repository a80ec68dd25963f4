"""Editors can only build sensible trees: each page type has its allowed parents and children."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

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


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_offers_the_site_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                CommunityPlanPage,
                ServiceIndexPage,
                WorkingGroupIndexPage,
                NewsIndexPage,
                AccessibilityStatementPage,
                DocumentIndexPage,
            },
        )

    def test_plan_has_chapters_only(self):
        self.assertAllowedSubpageTypes(CommunityPlanPage, {PlanChapterPage})
        self.assertAllowedParentPageTypes(CommunityPlanPage, {HomePage})

    def test_chapter_lives_in_a_plan_and_has_no_children(self):
        self.assertAllowedParentPageTypes(PlanChapterPage, {CommunityPlanPage})
        self.assertAllowedSubpageTypes(PlanChapterPage, set())

    def test_chapter_cannot_be_created_outside_a_plan(self):
        self.assertCanNotCreateAt(HomePage, PlanChapterPage)
        self.assertCanNotCreateAt(StandardPage, PlanChapterPage)

    def test_working_groups_hold_their_minutes(self):
        self.assertAllowedSubpageTypes(WorkingGroupIndexPage, {WorkingGroupPage})
        self.assertAllowedSubpageTypes(WorkingGroupPage, {MeetingPage})
        self.assertAllowedParentPageTypes(MeetingPage, {WorkingGroupPage})
        self.assertAllowedSubpageTypes(MeetingPage, set())

    def test_services_live_in_the_catalogue(self):
        self.assertAllowedSubpageTypes(ServiceIndexPage, {ServicePage})
        self.assertAllowedParentPageTypes(ServicePage, {ServiceIndexPage})
        self.assertAllowedSubpageTypes(ServicePage, set())

    def test_news_live_in_the_news_index(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


def test_admin_refuses_to_create_a_chapter_outside_a_plan(admin_client, home):
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:add", args=("kpss_pages", "planchapterpage", home.pk))
    # The admin answers a refused action by sending the user back to the dashboard.
    for response in (admin_client.get(url), admin_client.post(url, {"title": "K", "slug": "k"})):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert not PlanChapterPage.objects.exists()
