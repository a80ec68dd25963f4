"""The evidence importers (issue 24): ČSÚ population tables and the registry of social services
through their management commands, as an operator runs them. A re-import updates and never
duplicates; a bad file is refused as a whole with a Czech report of each bad line; every run is
on record with who ran it, when, the file's digest and the counts."""

import hashlib
import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from evidence.models import ImportRun, PopulationFigure, Territory, TerritoryKind
from kpss_pages import factories
from kpss_pages.models import Municipality, Organisation, ServicePage, ServicePlace
from kpss_pages.validators import ico_check_digit
from tests.route import publish
from workflows.roles import MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "evidence" / "samples"
CSU_SAMPLE = SAMPLES / "obyvatelstvo-obce-vzorek.csv"
REGISTRY_SAMPLE = SAMPLES / "rpss-vzorek.json"
HEADER = (
    '"idhod","hodnota","stapro_kod","pohlavi_cis","pohlavi_kod","vek_cis","vek_kod",'
    '"vuzemi_cis","vuzemi_kod","casref_do","pohlavi_txt","vek_txt","vuzemi_txt"\n'
)
AGE_65_70 = "410065610070000"


def run(command, *args, **options):
    options["username"] = options.pop("uzivatel", "koordinator")  # call_command takes the dest
    call_command(command, *[str(a) for a in args], stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def line(idhod, value, vek="", town="542989", year=2024, sex="", stapro="2406"):
    sex_list, age_list = ("102" if sex else ""), ("7700" if vek else "")
    return (
        f'"{idhod}","{value}","{stapro}","{sex_list}","{sex}","{age_list}",'
        f'"{vek}","43","{town}","{year}-12-31","","","Kelč"\n'
    )


@pytest.fixture
def operator(make_user):
    return make_user("koordinator", MANAGEMENT_TEAM)


@pytest.fixture
def towns(operator):
    """Two of the sample's municipalities; the other fourteen are outside the portal here."""
    return {
        code: Territory.objects.create(kind=TerritoryKind.MUNICIPALITY, code=code, name=name)
        for code, name in (("542989", "Kelč"), ("545236", "Zašová"))
    }


# --- ČSÚ --------------------------------------------------------------------------------------


def test_the_sample_imports_the_known_municipalities_and_the_run_is_on_record(towns, operator):
    run("kpss_import_csu", CSU_SAMPLE, uzivatel="koordinator", datova_sada="130142")

    # 5 years x (total, men, women and 20 age bands) for each of the two municipalities
    assert PopulationFigure.objects.count() == 2 * 5 * 23
    kelc = towns["542989"]
    total = PopulationFigure.objects.get(territory=kelc, year=2024, sex="", age_code="")
    bands = PopulationFigure.objects.filter(territory=kelc, year=2024, sex="").exclude(age_code="")
    assert sum(f.value for f in bands) == total.value
    band = bands.get(age_code=AGE_65_70)
    assert (band.age_from, band.age_to) == (65, 70)
    assert bands.get(age_code="410095799999000").age_to is None
    assert PopulationFigure.objects.filter(territory=kelc, year=2024, sex="z").exists()

    record = ImportRun.objects.get()
    assert record.kind == ImportRun.Kind.CSU and record.status == ImportRun.Status.DONE
    assert record.user == operator and record.finished_at is not None
    assert record.digest == hashlib.sha256(CSU_SAMPLE.read_bytes()).hexdigest()
    assert record.counts == {
        "created": 230,
        "changed": 0,
        "unchanged": 0,
        "skipped": 14 * 5 * 23 + 1,
    }
    assert ModelLogEntry.objects.filter(action="kpss.evidence.import", user=operator).count() == 1
    assert band.history.count() == 1 and band.history.get().history_user == operator


def test_a_second_import_updates_changed_figures_and_duplicates_nothing(towns, tmp_path):
    run("kpss_import_csu", CSU_SAMPLE)
    changed = tmp_path / "opraveno.csv"
    text = CSU_SAMPLE.read_text(encoding="utf-8")
    old = PopulationFigure.objects.get(
        territory=towns["542989"], year=2024, sex="", age_code=AGE_65_70
    )
    needle = f'"{old.value}","2406","","","7700","{AGE_65_70}","43","542989","2024-12-31"'
    assert text.count(needle) == 1
    changed.write_text(text.replace(needle, needle.replace(f'"{old.value}"', '"777"', 1)))

    run("kpss_import_csu", changed)

    assert PopulationFigure.objects.count() == 230
    old.refresh_from_db()
    assert old.value == 777
    assert [h.value for h in old.history.order_by("history_date")][-1] == 777
    assert old.history.count() == 2
    latest = ImportRun.objects.order_by("-pk").first()
    assert latest.counts["created"] == 0
    assert latest.counts["changed"] == 1 and latest.counts["unchanged"] == 229


def test_a_bad_file_is_refused_line_by_line_and_nothing_is_saved(towns, tmp_path):
    bad = tmp_path / "chybny.csv"
    bad.write_text(
        HEADER
        + line(1, 2600)  # good, but must not be saved alone
        + line(2, 150, vek="999")
        + line(3, -5, vek=AGE_65_70)
        + line(4, "dvacet", vek="410070610075000")
        + line(5, 100, vek="410075610080000", year="20x4")
        + line(6, 100, vek="410075610080000", stapro="3162")
        + line(7, 2600)
        + line(8, 10, sex="3"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        run("kpss_import_csu", bad)

    message = str(refused.value)
    assert "nic se neuložilo" in message
    assert "řádek 3: neznámý kód věku „999“ (číselník 7700)" in message
    assert "řádek 4: hodnota „-5“ není počet osob" in message
    assert "řádek 5: hodnota „dvacet“ není počet osob" in message
    assert "řádek 6: rok „20x4“ není platný" in message
    assert "řádek 7: statistická proměnná 3162 není počet obyvatel (2406)" in message
    assert "řádek 8: údaj se v souboru opakuje" in message
    assert "řádek 9: neznámý kód pohlaví „3“" in message
    assert PopulationFigure.objects.count() == 0
    record = ImportRun.objects.get()
    assert record.status == ImportRun.Status.FAILED and "řádek 3" in record.report


def test_a_file_without_the_long_format_columns_is_refused(towns, tmp_path):
    wrong = tmp_path / "siroky.csv"
    wrong.write_text("obec;2023;2024\nKelč;2600;2599\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Chybí sloupce: idhod, hodnota"):
        run("kpss_import_csu", wrong)
    assert PopulationFigure.objects.count() == 0


def test_a_windows_1250_file_is_read(towns, tmp_path):
    legacy = tmp_path / "cp1250.csv"
    legacy.write_bytes((HEADER + line(1, 2599)).encode("cp1250"))
    run("kpss_import_csu", legacy)
    assert PopulationFigure.objects.get().value == 2599


def test_overlapping_age_bands_are_counted_once_on_the_analysis(towns, tmp_path):
    """85+ beside 85–89, 90–94 and 95+, and 0–14 beside its five-year groups: the analysis
    sums only the finest bands; without ČSÚ's total, the total is the bands' sum."""
    from evidence.analysis import population_sums

    rows = [
        line(1, 40, vek="400000600005000"),
        line(2, 50, vek="400005610010000"),
        line(3, 60, vek="410010610015000"),
        line(4, 150, vek="400000610015000"),  # 0–14, the three above together
        line(5, 700, vek="410015610065000"),
        line(6, 100, vek="410065610080000"),
        line(7, 100, vek="410080610085000"),
        line(8, 60, vek="410085610090000"),
        line(9, 30, vek="410090610095000"),
        line(10, 10, vek="410095799999000"),
        line(11, 100, vek="410085799999000"),  # 85+, the three above together
    ]
    data = tmp_path / "pasma.csv"
    data.write_text(HEADER + "".join(rows), encoding="utf-8")
    run("kpss_import_csu", data)
    kelc = towns["542989"].pk
    assert population_sums([kelc])[kelc, 2024] == {
        "total": 1150, "young": 150, "working": 700, "senior": 300, "old": 200,
    }  # fmt: skip


def test_an_unknown_user_or_file_gets_a_czech_error(towns):
    with pytest.raises(CommandError, match="Uživatel „nikdo“ neexistuje"):
        run("kpss_import_csu", CSU_SAMPLE, uzivatel="nikdo")
    assert not ImportRun.objects.exists()
    with pytest.raises(CommandError, match="Soubor nelze přečíst"):
        run("kpss_import_csu", SAMPLES / "neexistuje.csv")
    assert PopulationFigure.objects.count() == 0
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED  # on record all the same


def test_a_value_that_is_not_finite_is_a_bad_line(towns, tmp_path):
    bad = tmp_path / "nan.csv"
    bad.write_text(HEADER + line(1, "nan") + line(2, "inf", vek=AGE_65_70), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run("kpss_import_csu", bad)
    assert "řádek 2: hodnota „nan“ není počet osob" in str(refused.value)
    assert "řádek 3: hodnota „inf“ není počet osob" in str(refused.value)


# --- Registry ---------------------------------------------------------------------------------


def ico(seven):
    return seven + str(ico_check_digit(seven))


@pytest.fixture
def catalogue(home):
    index = publish(factories.ServiceIndexPageFactory(parent=home))
    towns = {
        name: Municipality.objects.create(name=name, slug=slug, code=code)
        for name, slug, code in (
            ("Valašské Meziříčí", "valasske-mezirici", "545058"),
            ("Kelč", "kelc", "542989"),
            ("Zašová", "zasova", "545236"),
        )
    }
    return index, towns


def registered(index, towns, title, registry_id, org, paragraph, capacity, unit, groups, forms):
    from kpss_pages.models import FormOfProvision, ServiceKind, TargetGroup

    page = factories.ServicePageFactory.build(
        title=title,
        provider=org,
        service_type=ServicePage.ServiceType.REGISTERED,
        kind=ServiceKind.objects.get(paragraph=paragraph, locale__language_code="cs"),
        related_category="",
        registry_id=registry_id,
        capacity=capacity,
        capacity_unit=unit,
    )
    page.registration_date = __import__("datetime").date(2015, 1, 1)
    page.forms_of_provision = list(
        FormOfProvision.objects.filter(name__in=forms, locale__language_code="cs")
    )
    page.target_groups = list(
        TargetGroup.objects.filter(name__in=groups, locale__language_code="cs")
    )
    page.municipalities = list(towns.values())
    index.add_child(instance=page)
    return publish(page)


@pytest.fixture
def existing(catalogue):
    """Two of the sample's services already in the catalogue: one as the registry has it, one
    with the capacity before the registry's change (96 beds, the registry says 100)."""
    index, towns = catalogue
    charita = Organisation.objects.create(name="Charita", ico=ico("7310001"))
    domov = Organisation.objects.create(name="Domov Zašová", ico=ico("7310002"))
    same = registered(
        index, towns, "Pečovatelská služba Charity Bečva", "7001337", charita, "40", 180,
        "clients", ["senioři", "osoby se zdravotním postižením"], ["terénní"],
    )  # fmt: skip
    older = registered(
        index, {"Zašová": towns["Zašová"]}, "Domov pro seniory Zašová", "7008022", domov, "49",
        96, "beds", ["senioři"], ["pobytová"],
    )  # fmt: skip
    return same, older


def test_the_registry_sample_creates_drafts_and_revisions_for_review(existing, operator):
    same, older = existing
    pages_before = ServicePage.objects.count()

    run("kpss_import_registry", REGISTRY_SAMPLE, uzivatel="koordinator")

    record = ImportRun.objects.get()
    assert record.counts == {"created": 3, "changed": 1, "unchanged": 1, "skipped": 2}
    assert record.user == operator and record.status == ImportRun.Status.DONE
    assert record.digest == hashlib.sha256(REGISTRY_SAMPLE.read_bytes()).hexdigest()

    new = ServicePage.objects.filter(registry_id__in=["7010696", "7200101", "7200202"])
    assert new.count() == 3 and ServicePage.objects.count() == pages_before + 3
    for page in new:
        assert not page.live  # nothing is published without the route
        assert page.workflow_in_progress
        assert page.current_workflow_task.name == "Posouzení manažerským týmem"
        assert page.get_latest_revision().user == operator
    rehab = new.get(registry_id="7200202")
    assert rehab.provider.ico == ico("7310020")  # a new provider, by its IČO
    assert rehab.provider.history.get().history_user == operator
    assert PageLogEntry.objects.filter(page=rehab, action="wagtail.create", user=operator).exists()
    assert rehab.kind.paragraph == "70" and rehab.capacity == 40
    assert rehab.capacity_unit == "clients"
    assert [t.name for t in rehab.municipalities.all()] == ["Valašské Meziříčí"]
    place = ServicePlace.objects.get(page=rehab)
    assert (place.street, place.postcode) == ("Zašovská 750", "757 01")
    respite = new.get(registry_id="7200101")
    assert (respite.capacity, respite.capacity_unit) == (6, "beds")

    older.refresh_from_db()
    assert older.live and older.capacity == 96  # the public page is unchanged
    assert older.get_latest_revision_as_object().capacity == 100
    assert older.workflow_in_progress
    assert PageLogEntry.objects.filter(page=older, action="wagtail.edit", user=operator).exists()
    same.refresh_from_db()
    assert not same.has_unpublished_changes and not same.workflow_in_progress


def test_importing_the_registry_again_changes_nothing(existing, operator):
    run("kpss_import_registry", REGISTRY_SAMPLE, uzivatel="koordinator")
    revisions = {p.pk: p.revisions.count() for p in ServicePage.objects.all()}

    run("kpss_import_registry", REGISTRY_SAMPLE, uzivatel="koordinator")

    assert ImportRun.objects.order_by("-pk").first().counts == {
        "created": 0, "changed": 0, "unchanged": 5, "skipped": 2,
    }  # fmt: skip
    assert {p.pk: p.revisions.count() for p in ServicePage.objects.all()} == revisions


def write_registry(tmp_path, mutate):
    folder = tmp_path / "rpss"
    shutil.copytree(SAMPLES / "ciselniky", folder / "ciselniky")
    document = json.loads(REGISTRY_SAMPLE.read_text(encoding="utf-8"))
    mutate(document["polozky"])
    path = folder / "rpss.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_bad_registry_file_is_refused_and_nothing_is_created(existing, operator, tmp_path):
    def spoil(items):
        items[3]["identifikator"] = "123"
        items[4]["poskytovatel"]["ico"] = "12345678"
        items[0]["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/999"}
        items[1]["formy"][0]["kapacity"][0]["pocet"] = -3
        items.append(dict(items[2]))

    path = write_registry(tmp_path, spoil)
    pages, organisations = ServicePage.objects.count(), Organisation.objects.count()
    with pytest.raises(CommandError) as refused:
        run("kpss_import_registry", path, uzivatel="koordinator")

    message = str(refused.value)
    assert "služba č. 1 (7001337): DruhSocialniSluzby/999 není v číselníku" in message
    assert "služba č. 2 (7008022): kapacita „-3“ není celé nezáporné číslo" in message
    assert "služba č. 4 (123): identifikátor služby „123“ nemá 7 číslic" in message
    assert "služba č. 5 (7200202): IČO poskytovatele „12345678“ není platné" in message
    assert "služba č. 8 (7010696): identifikátor se v souboru opakuje" in message
    assert (ServicePage.objects.count(), Organisation.objects.count()) == (pages, organisations)
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_a_kind_the_portal_does_not_know_is_named(existing, operator, tmp_path):
    def unknown_kind(items):
        kinds = tmp_path / "rpss" / "ciselniky" / "druhy-socialni-sluzby.json"
        data = json.loads(kinds.read_text(encoding="utf-8"))
        data["polozky"].append(
            {"id": "DruhSocialniSluzby/99", "nazev": {"cs": "centrum duševního zdraví"}}
        )
        kinds.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        items[3]["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/99"}

    path = write_registry(tmp_path, unknown_kind)
    with pytest.raises(CommandError, match="„centrum duševního zdraví“ .* portál nezná"):
        run("kpss_import_registry", path, uzivatel="koordinator")


def test_the_registry_import_names_its_author_and_its_code_lists(existing, operator, tmp_path):
    with pytest.raises(CommandError, match="--uzivatel"):
        call_command("kpss_import_registry", str(REGISTRY_SAMPLE))
    assert not ImportRun.objects.exists()
    lone = tmp_path / "rpss.json"
    lone.write_text(REGISTRY_SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CommandError, match="Chybí číselník registru druhy-socialni-sluzby.json"):
        run("kpss_import_registry", lone, uzivatel="koordinator")
    refused = ImportRun.objects.get()  # a refused run is on record too, with its reason
    assert refused.status == ImportRun.Status.FAILED and "Chybí číselník" in refused.report
    assert refused.digest == hashlib.sha256(lone.read_bytes()).hexdigest()


def test_a_change_to_a_page_returned_for_changes_waits_for_its_author(existing, operator):
    from tests.route import start_route

    _same, older = existing
    start_route(older, operator)
    task_state = older.current_workflow_task_state
    task_state.task.specific.on_action(task_state, operator, "reject", comment="Doplňte popis.")
    older.refresh_from_db()
    assert older.current_workflow_state.status == "needs_changes"

    run("kpss_import_registry", REGISTRY_SAMPLE, uzivatel="koordinator")

    assert ImportRun.objects.get().status == ImportRun.Status.DONE
    older.refresh_from_db()
    assert older.get_latest_revision_as_object().capacity == 100
    assert older.current_workflow_state.status == "needs_changes"


def test_the_management_team_gets_one_mail_for_the_whole_import(
    existing, operator, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer = make_user("revizorka", MANAGEMENT_TEAM)
    with django_capture_on_commit_callbacks(execute=True):
        run("kpss_import_registry", REGISTRY_SAMPLE, uzivatel="koordinator")

    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    mail = mailoutbox[0]
    assert mail.to == [reviewer.email]  # the operator who ran it is not told
    assert mail.subject == "[KPSS] Z registru služeb ke kontrole – nové: 3, změněné: 1"
    assert "Domov pro seniory Zašová" in mail.body and "/admin/" in mail.body
