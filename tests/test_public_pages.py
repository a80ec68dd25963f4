"""Public rendering: every page type answers when published and is gone when not."""

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    FormOfProvision,
    Municipality,
    ServiceKind,
    ServicePlace,
    WorkingGroupMember,
)
from tests.route import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, chapter, working_group):
    plan = chapter.get_parent().specific
    meeting = factories.MeetingPageFactory(parent=working_group, title="Jednání v březnu")
    services = factories.ServiceIndexPageFactory(parent=home)
    service = factories.ServicePageFactory(parent=services, title="Dobrovolnické centrum")
    news_index = factories.NewsIndexPageFactory(parent=home)
    news = factories.NewsPageFactory(parent=news_index, title="Začíná plánování")
    standard = factories.StandardPageFactory(parent=home, title="O komunitním plánování")
    return {
        "home": home,
        "standard": standard,
        "plan": plan,
        "chapter": chapter,
        "working_group_index": working_group.get_parent().specific,
        "working_group": working_group,
        "meeting": meeting,
        "service_index": services,
        "service": service,
        "news_index": news_index,
        "news": news,
    }


PAGE_KEYS = [
    "home",
    "standard",
    "plan",
    "chapter",
    "working_group_index",
    "working_group",
    "meeting",
    "service_index",
    "service",
    "news_index",
    "news",
]


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_published_page_renders_for_anonymous_visitors(client, tree, key):
    page = tree[key]
    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html or page.title in html
    assert '<html lang="cs">' in html
    assert 'href="#obsah"' in html


@pytest.mark.parametrize("key", [k for k in PAGE_KEYS if k != "home"])
def test_unpublished_page_is_not_found_by_anonymous_visitors(client, tree, key):
    page = tree[key]
    url = page.url
    page.unpublish()

    assert client.get(url).status_code == 404


def test_unpublished_page_is_left_out_of_listings_and_navigation(client, tree):
    tree["news"].unpublish()
    tree["standard"].show_in_menus = True
    publish(tree["standard"])

    assert "Začíná plánování" not in client.get(tree["news_index"].url).content.decode()
    assert "Začíná plánování" not in client.get("/").content.decode()
    tree["standard"].unpublish()
    assert "O komunitním plánování" not in client.get("/").content.decode()


def test_draft_changes_of_a_live_page_stay_private(client, tree):
    news = tree["news"]
    news.title = "Koncept, který ještě nikdo neschválil"
    news.save_revision()

    html = client.get(tree["news"].url).content.decode()
    assert "Začíná plánování" in html
    assert "Koncept" not in html


def test_breadcrumbs_lead_from_the_home_page(client, tree):
    html = client.get(tree["meeting"].url).content.decode()

    assert "Nacházíte se:" in html
    assert html.index("Úvodní strana") < html.index("Pracovní skupiny") < html.index("Senioři")
    assert '<li aria-current="page">Jednání v březnu</li>' in html


def test_chapter_shows_numbered_measures_with_anchors(client, tree):
    html = client.get(tree["chapter"].url).content.decode()

    assert 'id="priorita-1"' in html
    assert 'id="cil-1-1"' in html
    for code in ("1-1-1", "1-1-2", "1-1-3"):
        assert f'id="opatreni-{code}"' in html
        assert f'href="#opatreni-{code}"' in html
    assert "Opatření 1.1.2" in html
    assert "100\u00a0000\u00a0Kč" in html
    assert "Rozpočty obcí" in html


def test_plan_lists_its_live_chapters_in_order(client, tree, organisation):
    plan = tree["plan"]
    group = tree["working_group"]
    factories.PlanChapterPageFactory(parent=plan, title="Rodina", number=3, working_group=group)
    draft = factories.PlanChapterPageFactory(
        parent=plan, title="Koncept kapitoly", number=2, working_group=group, live=False
    )

    html = client.get(plan.url).content.decode()
    assert html.index("Senioři") < html.index("Rodina")
    assert draft.title not in html


def test_secret_address_is_never_shown(client, tree):
    service = tree["service"]
    town = Municipality.objects.create(name="Zašová", slug="zasova")
    service.places = [
        ServicePlace(street="Tajná 1", postcode="756 51", municipality=town, secret_address=True),
        ServicePlace(street="Veřejná 2", postcode="756 51", municipality=town),
    ]
    publish(service)

    html = client.get(service.url).content.decode()
    assert "Veřejná 2" in html
    assert "Tajná 1" not in html


def test_service_page_shows_registry_data(client, tree):
    service = tree["service"]
    service.service_type = "registered"
    service.kind = ServiceKind.objects.get(paragraph="40")
    service.related_category = ""
    service.registry_id = "7654321"
    service.capacity, service.capacity_unit = 25, "beds"
    service.forms_of_provision = list(
        FormOfProvision.objects.filter(slug__in=["terenni", "pobytova"])
    )
    publish(service)

    html = client.get(service.url).content.decode()
    assert "§ 40 pečovatelská služba" in html
    assert "7654321" in html
    assert "25 lůžek" in html
    assert "terénní" in html and "pobytová" in html


@pytest.mark.parametrize(
    ("display", "role", "shown", "hidden"),
    [
        ("name", "poskytovatel", "Jana Horáková, Charita Test", None),
        ("organisation", "poskytovatel", "Charita Test", "Jana Horáková"),
        ("anonymous", "uzivatel", "anonymní člen (uživatelé)", "Jana Horáková"),
        ("hidden", "uzivatel", None, "Jana Horáková"),
    ],
)
def test_members_are_shown_only_as_they_agreed(
    client, tree, organisation, display, role, shown, hidden
):
    WorkingGroupMember.objects.create(
        working_group=tree["working_group"],
        name="Jana Horáková",
        organisation=organisation,
        triad_role=role,
        public_display=display,
    )
    html = client.get(tree["working_group"].url).content.decode()
    if shown:
        assert shown in html
    if hidden:
        assert hidden not in html


def test_unknown_url_gives_a_czech_404(client, home):
    response = client.get("/tahle-stranka-neni/")
    assert response.status_code == 404
    assert "Stránka nenalezena" in response.content.decode()
