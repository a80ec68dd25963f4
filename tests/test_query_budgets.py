"""Query budgets: every public page type renders (page cache off) with at most 12 SQL queries,
and the same number with 10 or 500 services and 5 or 50 measures; the admin's chapter editor and
dashboard do not grow with the measures or the pages in moderation.

Counted are the data queries of a page's second request with the page cache off: the first
fills the shared fragments (navigation, footer, breadcrumbs), as any earlier visitor would.
Transaction statements (BEGIN, COMMIT, savepoints) are not counted.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    PlanChapterPage,
    WorkingGroupMember,
)
from tests.route import edit_url, publish, start_route
from tests.test_public_site import add_services
from workflows.roles import MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db

BUDGET = 12
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        q["sql"] for q in captured.captured_queries if not q["sql"].upper().startswith(TRANSACTION)
    ]


def hierarchy(organisation, measures):
    """One priority, goals of five measures each."""
    goals = [
        (
            f"Cíl {start // 5 + 1}",
            [
                factories.measure_value(f"Opatření {n}", organisation)
                for n in range(start, min(start + 5, measures))
            ],
        )
        for start in range(0, measures, 5)
    ]
    return PlanChapterPage.hierarchy_from_raw([factories.priority_value("Péče", goals)])


@pytest.fixture
def every_page_type(home, organisation, working_group, settings):
    settings.KPSS_PAGE_CACHE = False
    plan = publish(factories.CommunityPlanPageFactory(parent=home, title="Plán"))
    chapter = publish(
        factories.PlanChapterPageFactory(
            parent=plan,
            title="Senioři",
            number=1,
            working_group=working_group,
            priorities=hierarchy(organisation, 5),
        )
    )
    publish(
        factories.PlanChapterPageFactory(
            parent=plan, title="Rodina", number=2, working_group=working_group
        )
    )
    catalogue = publish(factories.ServiceIndexPageFactory(parent=home))
    add_services(catalogue, 10)
    service = catalogue.get_children().first().specific
    news_index = publish(factories.NewsIndexPageFactory(parent=home))
    news = publish(factories.NewsPageFactory(parent=news_index, title="Zpráva"))
    WorkingGroupMember.objects.create(
        working_group=working_group, name="Jana Nováková", triad_role="poskytovatel"
    )
    meeting = publish(factories.MeetingPageFactory(parent=working_group, title="Jednání"))
    standard = publish(factories.StandardPageFactory(parent=home, title="O plánování"))
    statement = publish(factories.AccessibilityStatementPageFactory(parent=home, slug="prohlaseni"))
    for page in (home, working_group.get_parent(), working_group):
        publish(page.specific)
    action_plan = publish(
        factories.ActionPlanPageFactory(parent=plan, items=action_items(plan.measures()))
    )
    urls = {
        "home": home.url,
        "standard": standard.url,
        "statement": statement.url,
        "plan": plan.url,
        "plan archive": plan.url + "historie/",
        "action plan": action_plan.url,
        "chapter": chapter.url,
        "catalogue": catalogue.url,
        "catalogue filtered": catalogue.url + "?skupina=seniori&druh=pecovatelska-sluzba",
        "service": service.url,
        "groups": working_group.get_parent().url,
        "group": working_group.url,
        "meeting": meeting.url,
        "news index": news_index.url,
        "news": news.url,
    }
    return {
        "urls": urls,
        "catalogue": catalogue,
        "chapter": chapter,
        "organisation": organisation,
        "action_plan": action_plan,
    }


def action_items(measures):
    return [
        factories.action_item(ref.block_id, [("obce", 1000), ("kraj", 500)]) for ref in measures
    ]


def test_every_public_page_type_stays_within_the_budget_at_any_size(client, every_page_type):
    urls = every_page_type["urls"]
    small = {name: queries(client, url) for name, url in urls.items()}
    over = {name: sql for name, sql in small.items() if len(sql) > BUDGET}
    assert not over, "\n\n".join(
        f"{name}: {len(sql)}\n" + "\n".join(sql) for name, sql in over.items()
    )

    add_services(every_page_type["catalogue"], 490, start=10)
    chapter = PlanChapterPage.objects.get(pk=every_page_type["chapter"].pk)
    chapter.priorities = hierarchy(every_page_type["organisation"], 50)
    publish(chapter)
    action_plan = every_page_type["action_plan"]
    action_plan.items = action_items(action_plan.plan().measures())
    publish(action_plan)
    large = {name: queries(client, url) for name, url in urls.items()}
    grown = {name: sql for name, sql in large.items() if len(sql) != len(small[name])}
    assert not grown, "\n\n".join(
        f"{name}: {len(small[name])} -> {len(sql)}\n" + "\n".join(sql)
        for name, sql in grown.items()
    )
    assert "Opatření 49" in client.get(urls["chapter"]).content.decode()
    assert "Opatření 49" in client.get(urls["action plan"]).content.decode()


def admin_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_the_chapter_editor_does_not_grow_with_the_measures(chapter, organisation, make_user):
    from django.test import Client

    client = Client()
    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    url = edit_url(chapter)
    chapter.priorities = hierarchy(organisation, 5)
    chapter.save_revision()
    few = admin_queries(client, url)
    chapter.priorities = hierarchy(organisation, 50)
    chapter.save_revision()
    many = admin_queries(client, url)
    measures = PlanChapterPage.objects.get(pk=chapter.pk).get_latest_revision_as_object()
    assert sum(len(goal["measures"]) for goal in measures.priorities[0].value["goals"]) == 50
    assert many == few


def test_the_dashboard_does_not_grow_with_the_pages_in_moderation(home, make_user):
    from django.test import Client

    catalogue = factories.ServiceIndexPageFactory(parent=home)
    author = make_user("autor")
    reviewer = make_user("mt", MANAGEMENT_TEAM)
    client = Client()
    client.force_login(reviewer)

    def submit_services(count, start):
        for n in range(start, start + count):
            page = factories.ServicePageFactory(parent=catalogue, title=f"Služba {n}")
            page.save_revision(user=author)
            start_route(page, author)

    submit_services(5, 0)
    few = admin_queries(client, reverse("wagtailadmin_home"))
    submit_services(45, 5)
    many = admin_queries(client, reverse("wagtailadmin_home"))
    assert "Služba 49" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert many == few


def test_the_dashboard_lists_the_newest_and_links_the_rest_for_those_who_may_open_it(
    home, make_user, monkeypatch
):
    from django.test import Client

    from workflows import panels
    from workflows.roles import STEERING_GROUP

    monkeypatch.setattr(panels, "PANEL_LIMIT", 3)
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    author = make_user("autor")
    for n in range(5):
        page = factories.ServicePageFactory(parent=catalogue, title=f"Služba {n}")
        page.save_revision(user=author)
        start_route(page, author)
    client = Client()
    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert [f"Služba {n}" in html for n in range(5)] == [False, False, True, True, True]
    assert "Dalších položek: 2." in html
    report = reverse("wagtailadmin_reports:workflow")
    assert f'href="{report}"' in html
    assert client.get(report).status_code == 200

    client.force_login(make_user("ns", STEERING_GROUP))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{report}"' not in html, "the report would refuse the steering group"
