"""Public search (/hledat/) and the filtered catalogue of services."""

import re

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    FormOfProvision,
    Municipality,
    ServiceKind,
    ServicePage,
    ServicePlace,
    TargetGroup,
)
from tests.route import publish

pytestmark = pytest.mark.django_db


def titles(html):
    found = re.findall(r'<h2><a href="[^"]+">(.+?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


@pytest.fixture
def catalogue(home):
    return factories.ServiceIndexPageFactory(parent=home)


def service(catalogue, title, description="<p>Popis služby.</p>", **fields):
    page = factories.ServicePageFactory(
        parent=catalogue, title=title, description=description, **fields
    )
    return publish(page)


# --- Search ---------------------------------------------------------------------------------


def test_search_ignores_diacritics_and_case_and_matches_inside_words(client, catalogue):
    service(catalogue, "Pečovatelská služba Bečva")
    publish(factories.StandardPageFactory(parent=catalogue.get_parent(), title="Pro seniory"))
    service(catalogue, "Osobní asistence", "<p>Pomoc pro <b>SENIORY</b> a osoby s postižením.</p>")

    html = client.get("/hledat/", {"q": "pecovatelska"}).content.decode()
    assert titles(html) == ["Pečovatelská služba Bečva"]
    assert "<mark>Pečovatelská</mark>" in html

    html = client.get("/hledat/", {"q": "SENIOR"}).content.decode()
    assert titles(html) == ["Pro seniory", "Osobní asistence"], "title matches rank first"
    assert "<mark>SENIOR</mark>Y" in html
    assert "nalezeno stránek: 2" in html


def test_every_word_must_match(client, catalogue):
    service(catalogue, "Denní stacionář", "<p>Pro seniory v Kelči.</p>")
    service(catalogue, "Denní centrum", "<p>Pro rodiny.</p>")
    html = client.get("/hledat/", {"q": "denni kelc"}).content.decode()
    assert titles(html) == ["Denní stacionář"]


def test_drafts_unpublished_and_restricted_pages_are_never_found(client, catalogue):
    page = service(catalogue, "Terénní program")
    page.title = "Terénní program – tajný návrh"
    page.save_revision()  # a draft, not published
    hidden = service(catalogue, "Azylový dům – tajný")
    hidden.unpublish()
    restricted = service(catalogue, "Interní služba tajný")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.first())

    assert titles(client.get("/hledat/", {"q": "tajny"}).content.decode()) == []
    assert titles(client.get("/hledat/", {"q": "terenni"}).content.decode()) == ["Terénní program"]


def test_search_results_are_paginated_and_keep_the_query(client, catalogue):
    for number in range(12):
        service(catalogue, f"Poradna {number:02d}")
    first = client.get("/hledat/", {"q": "poradna"}).content.decode()
    assert len(titles(first)) == 10
    assert "?q=poradna&amp;strana=2" in first
    second = client.get("/hledat/", {"q": "poradna", "strana": "2"}).content.decode()
    assert titles(second) == ["Poradna 10", "Poradna 11"]
    assert client.get("/hledat/", {"q": "poradna", "strana": "x"}).status_code == 200


@pytest.mark.parametrize(
    "query, message",
    [("x" * 201, "Dotaz je příliš dlouhý"), ("a b", "Zadejte alespoň jedno slovo")],
)
def test_a_bad_query_gets_a_czech_message(client, home, query, message):
    response = client.get("/hledat/", {"q": query})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_markup_in_the_query_or_the_content_is_escaped(client, catalogue):
    service(catalogue, "Služba <script>", "<p>Text &lt;img src=x onerror=alert(1)&gt; služba</p>")
    html = client.get("/hledat/", {"q": "<script>alert(1)</script> sluzba"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


def test_an_excerpt_without_a_match_is_escaped_once(client, catalogue):
    # Only the title matches, so the result shows the text's opening instead of a highlight.
    service(catalogue, "Sociální rehabilitace", "<p>Klub „U Lípy“ &amp; dílna &lt;b&gt;</p>")
    html = client.get("/hledat/", {"q": "rehabilitace"}).content.decode()
    assert "<p>Klub „U Lípy“ &amp; dílna &lt;b&gt;" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html

    html = client.get("/hledat/", {"q": "dilna"}).content.decode()
    assert "„U Lípy“ &amp; <mark>dílna</mark> &lt;b&gt;" in html


# --- Catalogue ------------------------------------------------------------------------------


@pytest.fixture
def services(catalogue):
    seniors = TargetGroup.objects.get(slug="seniori")
    families = TargetGroup.objects.get(slug="rodiny-s-ditetemdetmi")
    field = FormOfProvision.objects.get(slug="terenni")
    outpatient = FormOfProvision.objects.get(slug="ambulantni")
    care = ServiceKind.objects.get(slug="pecovatelska-sluzba")
    kelc = factories.MunicipalityFactory(name="Kelč", slug="kelc")
    mezirici = factories.MunicipalityFactory(name="Valašské Meziříčí", slug="valasske-mezirici")

    def make(title, groups, forms, kind=None, towns=(), places=()):
        page = factories.ServicePageFactory(parent=catalogue, title=title)
        page.target_groups = groups
        page.forms_of_provision = forms
        page.municipalities = list(towns)
        if kind:
            page.service_type = ServicePage.ServiceType.REGISTERED
            page.kind = kind
            page.registry_id = "1234567"
        for town, secret in places:
            page.places.add(
                ServicePlace(
                    street="Náměstí 1", postcode="75301", municipality=town, secret_address=secret
                )
            )
        page.save()
        return publish(page)

    return {
        "care": make("Pečovatelská služba Kelč", [seniors], [field], care, towns=[kelc]),
        "club": make("Klub pro rodiny", [families], [outpatient], places=[(mezirici, False)]),
        "shelter": make("Azylový dům", [families], [outpatient], places=[(kelc, True)]),
        "visits": make("Návštěvy seniorů", [seniors], [outpatient], towns=[mezirici]),
    }


def catalogue_titles(client, catalogue, **params):
    response = client.get(catalogue.url, params)
    assert response.status_code == 200
    return sorted(titles(response.content.decode()))


def test_each_filter_narrows_the_catalogue(client, catalogue, services):
    assert catalogue_titles(client, catalogue, skupina="seniori") == [
        "Návštěvy seniorů",
        "Pečovatelská služba Kelč",
    ]
    assert catalogue_titles(client, catalogue, druh="pecovatelska-sluzba") == [
        "Pečovatelská služba Kelč"
    ]
    assert catalogue_titles(client, catalogue, forma="ambulantni") == [
        "Azylový dům",
        "Klub pro rodiny",
        "Návštěvy seniorů",
    ]
    assert catalogue_titles(client, catalogue, q="klub RODINY") == ["Klub pro rodiny"]


def test_municipality_filter_uses_service_areas_and_public_places_only(client, catalogue, services):
    assert catalogue_titles(client, catalogue, obec="kelc") == ["Pečovatelská služba Kelč"], (
        "a secret address must not reveal where the shelter is"
    )
    assert catalogue_titles(client, catalogue, obec="valasske-mezirici") == [
        "Klub pro rodiny",
        "Návštěvy seniorů",
    ]


def test_filters_combine_and_the_count_is_shown(client, catalogue, services):
    html = client.get(catalogue.url, {"skupina": "seniori", "forma": "ambulantni"}).content
    html = html.decode()
    assert titles(html) == ["Návštěvy seniorů"]
    assert "Nalezena 1 služba" in html
    assert 'value="seniori" selected' in html, "the form shows the state from the URL"
    html = client.get(catalogue.url).content.decode()
    assert "Nalezeno služeb: 4" in html


def test_an_unknown_filter_value_is_reported_and_not_applied(client, catalogue, services):
    html = client.get(catalogue.url, {"skupina": "neexistuje", "forma": "terenni"}).content
    html = html.decode()
    assert "Cílová skupina: Hodnota „neexistuje“ v tomto filtru neexistuje." in html
    assert titles(html) == ["Pečovatelská služba Kelč"], "the valid filter still applies"


def test_catalogue_pages_keep_the_filters(client, catalogue, services):
    seniors = TargetGroup.objects.get(slug="seniori")
    for number in range(25):
        page = factories.ServicePageFactory(parent=catalogue, title=f"Senior klub {number:02d}")
        page.target_groups = [seniors]
        page.save()
    html = client.get(catalogue.url, {"skupina": "seniori"}).content.decode()
    assert len(titles(html)) == 20
    assert "?skupina=seniori&amp;strana=2" in html
    html = client.get(catalogue.url, {"skupina": "seniori", "strana": "2"}).content.decode()
    assert len(titles(html)) == 7


def test_service_page_links_back_to_the_filtered_catalogue_and_to_a_map(
    client, catalogue, services
):
    html = client.get(services["care"].url).content.decode()
    assert f'href="{catalogue.url}?skupina=seniori"' in html
    assert f'href="{catalogue.url}?druh=pecovatelska-sluzba"' in html
    assert f'href="{catalogue.url}?obec=kelc"' in html
    assert "1234567" in html

    html = client.get(services["club"].url).content.decode()
    assert "https://mapy.cz/zakladni?q=N%C3%A1m%C4%9Bst%C3%AD+1" in html
    assert "<iframe" not in html

    html = client.get(services["shelter"].url).content.decode()
    assert "Náměstí 1" not in html and "mapy.cz" not in html, "secret address stays hidden"


def test_catalogue_filter_form_has_a_label_for_every_field(client, catalogue, services):
    html = client.get(catalogue.url).content.decode()
    for name in ("q", "skupina", "druh", "forma", "obec", "vek"):
        assert f'<label for="id_{name}">' in html
    assert Municipality.objects.filter(slug="kelc").exists()


BECVA = "Oblastní charita Bečva, z. s."


@pytest.mark.parametrize(
    ("query", "found"),
    [("charita", {BECVA}), ("charita Bečva", {BECVA}), ("Kelč", {"Spolek Kelč"}), ("ico", {BECVA})],
)
def test_the_admin_finds_organisations_and_municipalities(admin_client, query, found):
    """Searching the directory in the admin, with SQLite's search as with PostgreSQL's."""
    from django.urls import reverse

    from kpss_pages.models import Municipality, Organisation

    becva = factories.OrganisationFactory(name=BECVA)
    factories.OrganisationFactory(name="Spolek Kelč")
    Municipality.objects.create(name="Kelč", slug="kelc")
    url = reverse("wagtailsnippets_kpss_pages_organisation:list")
    response = admin_client.get(url, {"q": becva.ico if query == "ico" else query})
    assert response.status_code == 200
    html = response.content.decode()
    assert {o.name for o in Organisation.objects.all() if o.name in html} == found
    url = reverse("wagtailsnippets_kpss_pages_municipality:list")
    response = admin_client.get(url, {"q": "Kelč"})
    assert response.status_code == 200 and "Kelč" in response.content.decode()
