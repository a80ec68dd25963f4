"""The evidence on the public site and in the admin (issue 24): the analysis page with its
population, services and needs, charts with their tables and CSV, its route; a measure's links
to the services it changes, on the chapter and on each service page; the territories and the
import record in the admin, held to their roles on the server."""

import csv
import io

from django.urls import reverse

from wagtail.models import WorkflowPage

import pytest

from evidence.models import (
    ImportRun,
    NeedsAnalysisPage,
    PopulationFigure,
    Territory,
    TerritoryKind,
)
from kpss_pages import factories
from kpss_pages.models import Municipality, PlanChapterPage, ServicePage, ServicePlace
from tests.admin_forms import error_messages
from tests.route import approve_route, edit_form, edit_url, publish, signed_in
from tests.test_query_budgets import BUDGET, queries
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, PLAN_WORKFLOW, STEERING_GROUP

pytestmark = pytest.mark.django_db

BANDS = [(0, 15, "400000610015000"), (15, 65, "410015610065000"), (65, 80, "410065610080000"),
         (80, None, "410080799999000")]  # fmt: skip


def microregion(count, first=0):
    """A microregion of `count` municipalities with population for 2023 and 2024: in 2024, 100,
    600, 200 and 100 people in the four age bands (1,000 in all; 300 aged 65+, 100 aged 80+);
    in 2023, 20 fewer aged 65 to 79."""
    region = Territory.objects.create(kind=TerritoryKind.MICROREGION, name="Mikroregion Test")
    towns = []
    for n in range(first, first + count):
        town = Municipality.objects.create(name=f"Obec {n:03d}", slug=f"obec-{n:03d}")
        towns.append(
            Territory.objects.create(
                kind=TerritoryKind.MUNICIPALITY,
                name=town.name,
                code=f"{500000 + n}",
                municipality=town,
            )
        )
    region.members.set(towns)
    figures = []
    for town in towns:
        for year in (2023, 2024):
            senior = 200 if year == 2024 else 180
            figures.append(PopulationFigure(territory=town, year=year, value=1000))
            values = (100, 800 - senior, senior, 100)
            for (start, end, code), value in zip(BANDS, values, strict=True):
                figures.append(
                    PopulationFigure(
                        territory=town, year=year, age_code=code, age_from=start, age_to=end,
                        value=value,
                    )
                )  # fmt: skip
    PopulationFigure.objects.bulk_create(figures)
    return region, towns


def a_service(index, title, towns, place_town, capacity=10, unit="beds"):
    page = factories.ServicePageFactory.build(
        title=title,
        provider=factories.OrganisationFactory(),
        service_type=ServicePage.ServiceType.REGISTERED,
        related_category="",
        capacity=capacity,
        capacity_unit=unit,
    )
    page.municipalities = [t.municipality for t in towns]
    page.places = [
        ServicePlace(street="Náměstí 1", postcode="757 01", municipality=place_town.municipality)
    ]
    index.add_child(instance=page)
    return publish(page)


def link_services(chapter, links):
    """Measure 1.1.1 of the chapter names the services, published."""
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    raw = page.priorities.stream_block.get_prep_value(page.priorities)
    raw[0]["value"]["goals"][0]["value"]["measures"][0]["value"]["services"] = links
    page.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    return page


def first_measure_id(chapter):
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    return page.priorities.raw_data[0]["value"]["goals"][0]["value"]["measures"][0]["id"]


def build_evidence(home, plan, chapter, catalogue=None):
    """Three municipalities with population, two services (one named by measure 1.1.1 with a
    capacity change, beside a new service named by text) and a draft analysis page with a need
    answered by that measure."""
    region, towns = microregion(3)
    index = catalogue or publish(factories.ServiceIndexPageFactory(parent=home))
    home_care = a_service(index, "Terénní pečovatelská služba", towns, towns[0], 50, "clients")
    nursing = a_service(index, "Domov pro seniory", towns, towns[1], 40, "beds")
    publish(plan)
    publish(
        link_services(
            chapter,
            [
                {"service": home_care.pk, "planned_service": "", "relation": "rozsirit",
                 "capacity_change": "2", "unit": "uvazky"},
                {"service": None, "planned_service": "Krizový byt", "relation": "nova",
                 "capacity_change": "1.5", "unit": "klienti"},
            ],
        )
    )  # fmt: skip
    page = NeedsAnalysisPage(
        title="Analýza potřeb a zdrojů",
        slug="analyza-potreb",
        live=False,
        territory=region,
        plan=plan,
        needs=[
            {
                "type": "need",
                "value": {
                    "title": "Péče doma pro seniory", "description": "<p>Roste počet 80+.</p>",
                    "priority": "vysoka", "target_groups": [], "territory": towns[2].pk,
                    "evidence": [{"kind": "data", "summary": "80+ přibývá", "source": "ČSÚ",
                                  "document": None, "link": ""}],
                    "measures": [first_measure_id(chapter)],
                },
            }
        ],
    )  # fmt: skip
    home.add_child(instance=page)
    page.save_revision()  # a draft, as the editor saves it
    return {
        "page": page,
        "towns": towns,
        "home_care": home_care,
        "nursing": nursing,
        "chapter": PlanChapterPage.objects.get(pk=chapter.pk),
    }


@pytest.fixture
def evidence(home, plan, chapter):
    return build_evidence(home, plan, chapter)


def test_the_analysis_shows_population_services_and_needs(client, evidence):
    publish(evidence["page"])
    html = client.get("/analyza-potreb/").content.decode()

    assert html.count('role="img"') == 3  # three charts, each named and described
    # the tables scroll on a phone, so a keyboard reaches them (WCAG 2.1.1)
    for name, caption in (
        ("tabulka-vyvoj", "Vývoj počtu obyvatel ve věku 65+ a 80+"),
        ("tabulka-vek", "Obyvatelé obcí podle věku k 31. 12. 2024"),
        ("tabulka-sluzby", "Služby a kapacity v obcích podle počtu obyvatel"),
    ):
        assert f'tabindex="0" role="region" aria-labelledby="{name}">' in html
        assert f'<caption id="{name}">{caption}</caption>' in html
    # the trend: 65+ is 3 x 280 in 2023 and 3 x 300 in 2024; 80+ is 3 x 100
    row = '<th scope="row">{}</th><td class="num">3\u00a0000</td><td class="num">{}</td>'
    assert row.format(2024, 900) in html and row.format(2023, 840) in html
    assert '<td class="num">30,0 %</td><td class="num">300</td><td class="num">10,0 %</td>' in html
    # services: both serve every municipality, one located in each of the first two
    assert '<th scope="row">Obec 001</th><td class="num">1\u00a0000</td>' in html
    assert '<td class="num">40</td>' in html  # the beds in Obec 001
    assert '<tfoot><tr><th scope="row">Celé území</th>' in html
    assert "Péče doma pro seniory" in html and "80+ přibývá (ČSÚ)" in html
    chapter_url = f"{evidence['chapter'].url}#opatreni-1-1-1"
    assert f'<a href="{chapter_url}">Opatření 1.1.1 Opatření A</a>' in html


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_the_tables_download_as_csv_for_czech_excel(client, evidence):
    publish(evidence["page"])
    population = read_csv(client.get("/analyza-potreb/csv/obyvatelstvo/"))
    assert population[0][:4] == ["Obec", "Kód obce", "Rok", "Obyvatel celkem"]
    assert ["Obec 000", "500000", "2024", "1000", "100", "600", "300", "100"] in population
    services = read_csv(client.get("/analyza-potreb/csv/sluzby/"))
    assert services[2][:9] == ["Obec 001", "500001", "2024", "1000", "300", "2", "1", "40", "0"]
    assert services[-1][0] == "Celé území (každá služba jednou)"
    needs = read_csv(client.get("/analyza-potreb/csv/potreby/"))
    assert needs[1][:2] == ["Péče doma pro seniory", "vysoká"]
    assert needs[1][5] == "1.1.1 Opatření A"
    assert client.get("/analyza-potreb/csv/neco/").status_code == 404
    assert client.get("/analyza-potreb/csv/sluzby/?oddelovac=tabulator").status_code == 400


def test_the_analysis_page_takes_the_plans_route(client, evidence, make_user):
    page = evidence["page"]
    assert WorkflowPage.objects.get(page=page).workflow.name == PLAN_WORKFLOW
    assert client.get("/analyza-potreb/").status_code == 404
    approve_route(
        page,
        author=make_user("mt", MANAGEMENT_TEAM),
        management_team=make_user("mt2", MANAGEMENT_TEAM),
        steering_group=make_user("ns", STEERING_GROUP),
        resolution="NS/2026/9",
        meeting_date="2026-11-30",
    )
    assert client.get("/analyza-potreb/").status_code == 200


def test_a_measure_shows_its_services_and_each_service_its_measures(client, evidence):
    chapter_url = evidence["chapter"].url
    chapter_html = client.get(chapter_url).content.decode()
    assert (
        '<a href="/katalog-sluzeb/terenni-pecovatelska-sluzba/">Terénní pečovatelská služba</a>'
        ": rozšířit, +2 úvazky" in chapter_html
    )
    assert "Krizový byt: nová služba, +1,5 klienta" in chapter_html
    service_html = client.get("/katalog-sluzeb/terenni-pecovatelska-sluzba/").content.decode()
    assert (
        f'<a href="{chapter_url}#opatreni-1-1-1">Opatření 1.1.1 Opatření A</a> '
        "(Plán 2026–2029): rozšířit, +2 úvazky" in service_html
    )
    other = client.get("/katalog-sluzeb/domov-pro-seniory/").content.decode()
    assert "Opatření komunitního plánu" not in other


def test_a_draft_link_is_not_shown_until_the_chapter_is_published(client, evidence, chapter):
    draft = link_services(
        chapter,
        [{"service": evidence["nursing"].pk, "planned_service": "", "relation": "zachovat",
          "capacity_change": None, "unit": ""}],
    )  # fmt: skip
    draft.save_revision()
    assert "Opatření 1.1.1" not in client.get("/katalog-sluzeb/domov-pro-seniory/").content.decode()


@pytest.mark.parametrize(
    ("link", "field", "message"),
    [
        ({"service": None, "relation": "rozsirit"}, "service",
         "Vyberte službu z katalogu, které se opatření týká."),
        ({"service": None, "relation": "nova"}, "planned_service",
         "Uveďte novou službu: vyberte ji z katalogu, nebo napište její název."),
        ({"capacity_change": "2", "unit": ""}, "unit",
         "Ke změně kapacity uveďte jednotku (lůžka, úvazky, klienti)."),
        ({"capacity_change": None, "unit": "luzka"}, "capacity_change",
         "Uveďte změnu kapacity, nebo smažte jednotku."),
        ({"capacity_change": "0"}, "capacity_change",
         "Změna kapacity 0 nic nemění; nechte pole prázdné."),
    ],
)  # fmt: skip
def test_the_chapter_editor_refuses_an_incomplete_service_link(
    evidence, chapter, make_user, link, field, message
):
    from kpss_pages.measure_services import MeasureServiceBlock  # noqa: F401

    client = signed_in(make_user("mt", MANAGEMENT_TEAM))
    value = {"service": evidence["home_care"].pk, "planned_service": "", "relation": "rozsirit",
             "capacity_change": "1", "unit": "uvazky", **link}  # fmt: skip
    changed = link_services(chapter, [value])
    revisions = chapter.revisions.count()
    response = client.post(
        edit_url(chapter), edit_form(client, chapter, priorities=changed.priorities)
    )
    assert response.status_code == 200
    assert message in error_messages(response.context["form"], "priorities")
    assert chapter.revisions.count() == revisions


def test_query_budget_holds_from_10_to_200_municipalities(client, home, settings):
    settings.KPSS_PAGE_CACHE = False
    counts = []
    for size, first in ((10, 0), (200, 10)):
        region, _towns = microregion(size, first)
        page = NeedsAnalysisPage(title=f"Analýza {size}", slug=f"analyza-{size}", territory=region)
        home.add_child(instance=page)
        publish(page)
        found = queries(client, f"/analyza-{size}/")
        counts.append(len(found))
        page.delete()  # one analysis per home page
    assert counts[0] == counts[1] <= BUDGET, counts


# --- Admin -----------------------------------------------------------------------------------


def test_the_management_team_keeps_the_territories_with_czech_errors(make_user):
    client = signed_in(make_user("mt", MANAGEMENT_TEAM))
    url = reverse("wagtailsnippets_evidence_territory:add")
    response = client.post(url, {"kind": "obec", "name": "Kelč", "code": "5429"})
    assert "Kód obce má šest číslic (číselník ČSÚ 43)." in response.content.decode()
    response = client.post(url, {"kind": "mikroregion", "name": "Svazek", "code": "123"})
    assert "Mikroregion nemá kód ČSÚ; nechte pole prázdné." in response.content.decode()
    assert not Territory.objects.exists()
    response = client.post(url, {"kind": "obec", "name": "Kelč", "code": "542989"})
    assert response.status_code == 302
    territory = Territory.objects.get()
    assert territory.history.count() == 1


@pytest.mark.parametrize("role", ["Pracovní skupina – Senioři", AUDITOR])
def test_others_may_not_change_territories(make_user, working_group, role):
    from workflows import roles

    roles.sync_working_group(working_group)
    territory = Territory.objects.create(kind="obec", name="Kelč", code="542989")
    client = signed_in(make_user("jiny", role))
    add = client.post(
        reverse("wagtailsnippets_evidence_territory:add"),
        {"kind": "obec", "name": "Nová", "code": "542990"},
    )
    edit = client.post(
        reverse("wagtailsnippets_evidence_territory:edit", args=[territory.pk]),
        {"kind": "obec", "name": "Přejmenováno", "code": "542989"},
    )
    assert add.status_code in (302, 403) and edit.status_code in (302, 403)
    assert list(Territory.objects.values_list("name", flat=True)) == ["Kelč"]


def test_the_import_record_is_read_by_auditors_and_refused_to_working_groups(
    make_user, working_group
):
    from workflows import roles

    roles.sync_working_group(working_group)
    run = ImportRun.objects.create(
        kind=ImportRun.Kind.CSU, file_name="data.csv", digest="a" * 64,
        status=ImportRun.Status.DONE, counts={"created": 5},
    )  # fmt: skip
    index = reverse("evidence_importrun:index")
    inspect = reverse("evidence_importrun:inspect", args=[run.pk])
    auditor = signed_in(make_user("auditor", AUDITOR))
    assert auditor.get(index).status_code == 200
    page = auditor.get(inspect).content.decode()
    assert "a" * 64 in page and "nové: 5" in auditor.get(index).content.decode()
    group = signed_in(make_user("ps", "Pracovní skupina – Senioři"))
    assert group.get(index).status_code in (302, 403)
    assert group.get(inspect).status_code in (302, 403)
    assert auditor.get("/admin/evidence/importrun/new/").status_code == 404


def test_an_import_reaches_the_cached_analysis_at_once(client, evidence, operator_for_import):
    """Bulk writes send no signals: the import stamps the page cache itself."""
    import hashlib  # noqa: F401
    from pathlib import Path

    from django.core.management import call_command

    publish(evidence["page"])
    url = evidence["page"].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    town = evidence["towns"][0]
    data = Path(operator_for_import["tmp"]) / "nove.csv"
    data.write_text(
        '"idhod","hodnota","stapro_kod","pohlavi_cis","pohlavi_kod","vek_cis","vek_kod",'
        '"vuzemi_cis","vuzemi_kod","casref_do","pohlavi_txt","vek_txt","vuzemi_txt"\n'
        f'"1","1234","2406","","","","","43","{town.code}","2025-12-31","","",""\n',
        encoding="utf-8",
    )
    call_command("kpss_import_csu", str(data), username="mt", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert '<th scope="row">2025</th><td class="num">1\u00a0234</td><td class="num">–</td>' in html


@pytest.fixture
def operator_for_import(make_user, tmp_path):
    make_user("mt", MANAGEMENT_TEAM)
    return {"tmp": tmp_path}


def test_a_secret_place_is_counted_only_for_the_whole_territory(client, evidence):
    nursing = evidence["nursing"]
    ServicePlace.objects.filter(page=nursing).update(secret_address=True)
    publish(evidence["page"])
    services = read_csv(client.get("/analyza-potreb/csv/sluzby/"))
    # the care home's town shows no place and no beds; the territory's row keeps its 40 beds
    assert services[2][:8] == ["Obec 001", "500001", "2024", "1000", "300", "2", "0", "0"]
    assert services[-1][5:8] == ["2", "2", "40"]


def test_a_chapter_moved_to_another_plan_takes_its_links_along(client, evidence, home):
    """The link rows follow a chapter to its new plan; publishing it there raises nothing."""
    from kpss_pages.models import MeasureServiceLink

    chapter = evidence["chapter"]
    other = publish(factories.CommunityPlanPageFactory(parent=home, title="Plán 2030–2033"))
    chapter.move(other, pos="last-child")
    chapter = PlanChapterPage.objects.get(pk=chapter.pk)
    publish(chapter)
    rows = MeasureServiceLink.objects.filter(chapter=chapter)
    assert rows.count() == 1 and rows.get().plan_id == other.pk
    html = client.get(evidence["home_care"].url).content.decode()
    assert "(Plán 2030–2033): rozšířit, +2 úvazky" in html
