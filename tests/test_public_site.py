"""The public site's furniture: accessibility statement, footer, metadata, robots.txt, favicon,
open data and bounded queries."""

import csv
import io
import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    AccessibilityStatementPage,
    HomePage,
    Municipality,
    ServicePage,
    ServicePlace,
    SiteSettings,
    TargetGroup,
)
from search.models import PageSearchText
from tests.route import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(home):
    page = factories.AccessibilityStatementPageFactory(
        parent=home,
        slug="prohlaseni-o-pristupnosti",
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        inaccessible_content="<p>Naskenované zápisy z roku 2019.</p>",
        feedback_contact='<p><a href="mailto:kpss@example.cz">kpss@example.cz</a></p>',
    )
    return publish(page)


def test_the_accessibility_statement_has_the_sections_the_law_asks_for(client, statement):
    html = client.get(statement.url).content.decode()
    for text in (
        "zákonem č. 99/2019 Sb.",
        "Stav souladu",
        "částečně v souladu",
        "Nepřístupný obsah",
        "Naskenované zápisy z roku 2019.",
        "Vypracování tohoto prohlášení o přístupnosti",
        "1. 9. 2026",
        "samohodnocení",
        "Zpětná vazba a kontaktní údaje",
        "kpss@example.cz",
        "Postupy pro vymáhání",
        "Ministerstvo vnitra",
    ):
        assert text in html, text


def test_the_statement_lives_once_under_the_home_page():
    assert set(AccessibilityStatementPage.allowed_parent_page_models()) == {HomePage}


def test_every_page_links_the_statement_and_the_privacy_page_in_its_footer(client, home, statement):
    privacy = publish(factories.StandardPageFactory(parent=home, title="Ochrana osobních údajů"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = privacy
    settings.save()
    for url in (home.url, privacy.url, "/hledat/"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        assert f'href="{statement.url}">Prohlášení o přístupnosti' in footer, url
        assert f'href="{privacy.url}">Ochrana osobních údajů' in footer, url


def test_pages_carry_canonical_and_open_graph_metadata_and_no_inline_script(client, home):
    page = publish(
        factories.StandardPageFactory(parent=home, title="O plánu", summary="Shrnutí stránky.")
    )
    html = client.get(page.url, {"utm_source": "x"}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert '<meta property="og:title" content="O plánu">' in html
    assert '<meta property="og:description" content="Shrnutí stránky.">' in html
    assert '<meta property="og:locale" content="cs_CZ">' in html
    assert '<link rel="icon" type="image/png"' in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], "no inline script"
    assert "data-font-size hidden" in html, "the A−/A/A+ control appears only with JavaScript"


def test_robots_txt_and_favicon(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and "favicon" in response.url


# --- Open data ------------------------------------------------------------------------------


@pytest.fixture
def catalogue(home):
    return factories.ServiceIndexPageFactory(parent=home)


def test_open_data_lists_published_services_without_secret_addresses(client, catalogue):
    town = Municipality.objects.create(name="Kelč", slug="kelc")
    shelter = factories.ServicePageFactory(parent=catalogue, title="Azylový dům")
    shelter.places.add(
        ServicePlace(street="Tajná 1", postcode="75643", municipality=town, secret_address=True)
    )
    shelter.places.add(ServicePlace(street="Náměstí 5", postcode="75643", municipality=town))
    shelter.save()
    publish(shelter)
    draft = factories.ServicePageFactory(parent=catalogue, title="Návrh služby", live=False)
    draft.save_revision()

    data = json.loads(client.get("/otevrena-data/sluzby.json").content)
    assert data["pocet"] == 1
    record = data["sluzby"][0]
    assert record["nazev"] == "Azylový dům"
    assert record["mista_poskytovani"] == ["Náměstí 5, 75643 Kelč"]
    assert record["cilove_skupiny"] == ["senioři"]
    assert record["url"] == f"http://testserver{shelter.url}"
    assert set(record) == set(data["pole"]), "every field is documented"

    response = client.get("/otevrena-data/sluzby.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["nazev"] for row in rows] == ["Azylový dům"]
    assert rows[0]["mista_poskytovani"] == "Náměstí 5, 75643 Kelč"
    assert "Tajná" not in response.content.decode("utf-8-sig")


# --- Bounded queries ------------------------------------------------------------------------


def add_services(catalogue, count, start=0):
    seniors = list(TargetGroup.objects.filter(slug="seniori"))
    provider = None
    for number in range(start, start + count):
        if provider is None or number % 7 == 0:  # about the registry's services per provider
            provider = factories.OrganisationFactory()
        page = ServicePage(
            title=f"Služba {number:03d}",
            slug=f"sluzba-{number:03d}",
            provider=provider,
            service_type=ServicePage.ServiceType.RELATED,
            related_category="poradenství",
            description="<p>Popis.</p>",
        )
        page.target_groups = seniors
        catalogue.add_child(instance=page)
        PageSearchText.update_for(page)  # what publishing does (revisions would only slow this)


def query_counts(client, urls):
    """Queries of each URL's second request: the first fills the shared fragments."""
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


def test_public_pages_need_the_same_number_of_queries_with_10_and_500_services(
    client, catalogue, settings
):
    settings.KPSS_PAGE_CACHE = False  # rendering is measured, not the page cache
    add_services(catalogue, 10)
    service = ServicePage.objects.get(slug="sluzba-003")
    urls = [
        "/",
        catalogue.url,
        catalogue.url + "?skupina=seniori&q=sluzba",
        catalogue.url + "?strana=2",
        service.url,
        "/hledat/?q=sluzba",
        "/otevrena-data/sluzby.json",
        "/otevrena-data/sluzby.csv",
    ]
    client.get("/")  # warm per-process caches (content types, site root paths)
    few = query_counts(client, urls)
    add_services(catalogue, 490, start=10)
    many = query_counts(client, urls)
    assert many == few, (few, many)
    assert len(json.loads(client.get("/otevrena-data/sluzby.json").content)["sluzby"]) == 500


def test_the_documents_page_lists_sections_with_format_and_size(client, home, settings, tmp_path):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from kpss_pages.models import DocumentIndexPage

    settings.MEDIA_ROOT = str(tmp_path)
    document = get_document_model()(title="Zápis 10/2026")
    document.file.save("zapis.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2039), save=False)
    document._set_document_file_metadata()  # as the admin's upload form does
    document.save()
    page = DocumentIndexPage(
        title="Dokumenty",
        slug="dokumenty-ke-stazeni",
        sections=[
            {
                "type": "section",
                "value": {
                    "heading": "Zápisy z jednání",
                    "description": "",
                    "documents": [{"document": document.pk, "title": ""}],
                },
            }
        ],
    )
    home.add_child(instance=page)
    publish(page)

    html = client.get(page.url).content.decode()
    assert "<h2>Zápisy z jednání</h2>" in html
    assert f'<a href="{document.url}">Zápis 10/2026</a>' in html
    assert "(PDF, 2.0\xa0KB)" in html or "(PDF, 2,0\xa0KB)" in html


def test_the_plan_page_lists_chapters_and_their_priorities_with_anchors(client, plan, chapter):
    html = client.get(plan.url).content.decode()
    assert f'<a href="{chapter.url}">Senioři</a>' in html
    assert f'<a href="{chapter.url}#priorita-1">Priorita 1: Péče doma</a>' in html
    html = client.get(chapter.url).content.decode()
    assert 'id="priorita-1"' in html


def test_server_errors_get_a_czech_page(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Omlouváme se, na serveru nastala chyba" in response.content.decode()


def test_assets_are_served_by_the_site_with_cache_busting_names(client, home, settings, tmp_path):
    """No CDN or third-party font: every asset is ours, and collected files carry content hashes."""
    from django.core.management import call_command

    html = client.get(home.url).content.decode()
    assets = re.findall(
        r'<link rel="(?:stylesheet|icon|apple-touch-icon)"[^>]* href="([^"]+)"', html
    )
    assets += re.findall(r'<(?:script|img)[^>]+src="([^"]+)"', html)
    assert assets and all(url.startswith("/") for url in assets), assets
    assert "fonts.googleapis" not in html and "cdn" not in html.lower()

    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    html = client.get(home.url).content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    script = re.search(r'src="(/static/js/site\.[0-9a-f]{12}\.js)"', html)
    assert stylesheet and script, "hashed names change whenever a file changes"
