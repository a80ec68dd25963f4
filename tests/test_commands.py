"""kpss_setup and kpss_demo are repeatable, and the migrations match the models."""

import io
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

import pytest
from bs4 import BeautifulSoup

from kpss_pages.models import (
    AgeCategory,
    CommunityPlanPage,
    FormOfProvision,
    MeetingPage,
    NewsPage,
    Organisation,
    PlanChapterPage,
    ServiceKind,
    ServicePage,
    TargetGroup,
    WorkingGroupMember,
    WorkingGroupPage,
)
from tests.test_plan_pdf import pdf_text

pytestmark = pytest.mark.django_db


def row_counts():
    """Rows in every table, history, revisions and log entries included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_setup_loads_the_registry_code_lists():
    run("kpss_setup")

    paragraphs = set(ServiceKind.objects.values_list("paragraph", flat=True))
    assert {str(p) for p in range(37, 71) if p not in (38, 53)} | {"60a"} <= paragraphs
    assert ServiceKind.objects.count() == 33
    assert ServiceKind.objects.get(paragraph="60a").name == "intervenční centra"
    assert TargetGroup.objects.filter(name="senioři").exists()
    assert TargetGroup.objects.count() == 25
    assert AgeCategory.objects.count() == 8
    assert list(FormOfProvision.objects.values_list("name", flat=True)) == [
        "ambulantní",
        "terénní",
        "pobytová",
    ]


def test_setup_is_idempotent():
    run("kpss_setup")
    before = row_counts()

    output = run("kpss_setup")

    assert row_counts() == before
    assert "(0 změn)" in output


def test_demo_builds_a_complete_region_and_is_idempotent(settings):
    """One demo load (it takes most of a minute) checked from every side, then loaded again."""
    settings.KPSS_DEMO_PASSWORD = "demo-heslo-pro-test"
    output = run("kpss_demo")
    check_region(output)
    check_users_and_states(Client())
    check_site_renders(Client())
    check_plan_approved_through_the_route(Client())
    check_english_translations(Client())
    check_service_and_news_reviewed(Client())

    before = row_counts()
    output = run("kpss_demo")
    assert row_counts() == before, "a second load changes nothing"
    assert "nově vytvořeno 0 položek" in output


def check_region(output):
    assert WorkingGroupPage.objects.live().count() == 6
    plan = CommunityPlanPage.objects.live().get(locale__language_code="cs")
    assert (plan.valid_from, plan.valid_to) == (2026, 2029)
    chapters = PlanChapterPage.objects.live().child_of(plan)
    assert {c.working_group_id for c in chapters} == set(
        WorkingGroupPage.objects.values_list("pk", flat=True)
    )
    for chapter in chapters:
        measures = [
            m.value for p in chapter.numbered_priorities() for g in p.children for m in g.children
        ]
        assert len(measures) >= 3, chapter.title
        assert all(m["estimated_cost"] is not None and m["indicators"] for m in measures)
    services = ServicePage.objects.live()
    assert services.count() >= 30
    assert services.values("provider").distinct().count() >= 10
    assert MeetingPage.objects.live().count() >= 6
    assert WorkingGroupMember.objects.count() >= 12
    assert NewsPage.objects.live().count() >= 3
    # The 2026 action plan approved; the 2027 draft open for comments, with comments that count.
    from django.test import Client

    from consultation.models import ConsultationPage, Outcome
    from kpss_pages.models import ActionPlanPage

    current = ActionPlanPage.objects.live().get(year=2026)
    assert current.approval_records.filter(resolution_number__startswith="NS/").exists()
    assert len(current.items) >= 10 and all(item.ref for item in current.resolved_items())
    consultation = ConsultationPage.objects.live().get(slug="pripominkovani-akcniho-planu-2027")
    assert isinstance(consultation.get_parent().specific, ActionPlanPage)
    assert not consultation.get_parent().live, "the action plan is a draft under consultation"
    assert consultation.is_open() and consultation.snapshot.action_items
    assert Client().get(consultation.url).status_code == 200
    assert consultation.comments.counted().count() == 3
    assert consultation.approval_records.filter(resolution_number__startswith="NS/").exists()
    # A closed one, all 15 comments settled in every outcome and the settlement approved.
    closed = ConsultationPage.objects.live().get(slug="pripominkovani-navrhu-aktualizace")
    assert closed.state() == "closed"
    settlement = closed.live_settlement()
    rows = list(settlement.rows.all())
    assert len(rows) == closed.comments.counted().count() == 15
    assert {row.outcome for row in rows} == set(Outcome.values)
    assert settlement.approval_records.filter(resolution_number__startswith="NS/").exists()
    table = Client().get(settlement.url).content.decode()
    assert "historie/porovnani/" in table, "an accepted comment links to the change it made"
    assert all(o.ico for o in Organisation.objects.all())
    assert get_user_model().objects.get(username="admin").check_password("demo-heslo-pro-test")
    assert "demo-heslo-pro-test" in output


def check_users_and_states(client):
    """A user per role, and content in every state of the route."""
    from wagtail.models import WorkflowState

    User = get_user_model()
    for username, group in [
        ("mt.kovarova", "Manažerský tým"),
        ("ns.hanak", "Nadoborová skupina"),
        ("auditor.blaha", "Auditor"),
        ("ps.seniori", "Pracovní skupina – Senioři"),
        ("poskytovatel.charita", "Poskytovatel – Oblastní charita Bečva, z. s. (ukázka)"),
    ]:
        user = User.objects.get(username=username)
        assert user.groups.filter(name=group).exists(), username
        signed_in = client.post(
            "/admin/login/", {"username": username, "password": "demo-heslo-pro-test"}
        )
        assert signed_in.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.logout()
    assert User.objects.filter(username__startswith="ps.").count() == 6

    states = {
        (str(s.content_object), s.status, s.current_task_state.task.name)
        for s in WorkflowState.objects.all()
    }
    assert ("Lidé se zdravotním postižením", "in_progress", "Posouzení manažerským týmem") in states
    assert ("Rodina, děti a mládež", "in_progress", "Schválení nadoborovou skupinou") in states
    assert ("Lidé v krizi a nouzi", "needs_changes", "Posouzení manažerským týmem") in states
    draft = PlanChapterPage.objects.get(slug="obce-mikroregionu")
    assert draft.has_unpublished_changes
    names = [user.get_full_name() for user in User.objects.all()]
    assert len(names) == len(set(names)), f"two demo users share a name: {sorted(names)}"


def approved_revisions(client, url):
    """Revision ids the public history of `url` lists, newest first."""
    html = client.get(url + "historie/").content.decode()
    return [int(pk) for pk in re.findall(r'href="[^"]*/historie/(\d+)/"', html)]


def check_plan_approved_through_the_route(client):
    """The Czech plan and every chapter are live as the steering group approved them: each page
    shows its resolution at the foot and in its public history; one chapter has two approved
    versions with a real change between them; the PDF's approval record names every part."""
    plan_url = "/komunitni-plan-2026-2029/"
    plan = CommunityPlanPage.objects.get(locale__language_code="cs")
    chapters = PlanChapterPage.objects.child_of(plan).live().order_by("number")
    assert chapters.count() == 6
    for page in [plan, *chapters]:
        html = client.get(page.url).content.decode()
        assert "Schváleno nadoborovou skupinou dne" in html, page.url
        assert re.search(r"usnesení č. NS/\d{4}/0[25]", html), page.url
        history = client.get(page.url + "historie/").content.decode()
        assert "žádnou verzi schválenou" not in history, page.url
        assert approved_revisions(client, page.url)[0] == page.live_revision_id, page.url

    seniors = f"{plan_url}seniori/"
    newer, older = approved_revisions(client, seniors)
    history = client.get(seniors + "historie/").content.decode()
    assert re.search(r"NS/\d{4}/05", history) and re.search(r"NS/\d{4}/02", history)
    comparison = client.get(f"{seniors}historie/porovnani/{older}/{newer}/").content.decode()
    marked = BeautifulSoup(comparison, "html.parser")
    deleted = " ".join(" ".join(d.get_text().split()) for d in marked.select("del"))
    inserted = " ".join(" ".join(i.get_text().split()) for i in marked.select("ins"))
    assert "4 800 000" in deleted and "5 600 000" in inserted, "the measure's cost changed"
    assert "270" in deleted and "300" in inserted, "and its indicator's target"

    pages = pdf_text(client.get(plan_url + "pdf/"))
    assert re.search(r"usnesení č. NS/\s*\d{4}/02", pages[0]), "the plan's resolution, title page"
    text = "\n".join(pages)
    record = text[text.rindex("Záznam o schválení") :]
    assert len(re.findall(r"usnesení č. NS/\s*\d{4}/0[25]", record)) == 6, record


def check_service_and_news_reviewed(client):
    """A provider's update and a news item passed the management team's review and say so; a
    chapter's body does not repeat its lead."""
    service = ServicePage.objects.get(opening_hours__startswith="po–čt")
    assert service.has_unpublished_changes is False
    news = NewsPage.objects.get(summary__contains="ke stažení v Dokumentech")
    for page in (service, news):
        html = client.get(page.url).content.decode()
        assert "Zkontrolováno manažerským týmem dne" in html, page.url
    chapter = PlanChapterPage.objects.live().filter(locale__language_code="cs").first()
    assert chapter.summary not in str(chapter.body)


def test_demo_refuses_to_run_in_production(settings):
    settings.KPSS_ENVIRONMENT = "production"

    with pytest.raises(CommandError, match="produkčního"):
        run("kpss_demo")
    assert not ServicePage.objects.exists()


def check_site_renders(client):
    for url in [
        "/",
        "/o-komunitnim-planovani/",
        "/komunitni-plan-2026-2029/seniori/",
        "/katalog-sluzeb/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Ukázková data" in client.get("/").content.decode()
    secret = client.get("/katalog-sluzeb/azylovy-dum-pro-matky-s-detmi/").content.decode()
    assert "Nádražní 40" not in secret


def check_english_translations(client):
    """English versions made with wagtail-localize."""
    from wagtail_localize.models import Translation

    from kpss_pages.models import TargetGroup

    pages = {
        "/en/": "Community planning of social services",
        "/en/about-community-planning/": "About community planning",
        "/en/community-plan-2026-2029/": "Community plan of social services 2026–2029",
        "/en/community-plan-2026-2029/seniors/": "Supporting seniors to live in their home",
    }
    for url, text in pages.items():
        html = client.get(url).content.decode()
        assert text in html, url
        assert '<html lang="en">' in html
        if url.startswith("/en/community-plan"):
            assert re.search(r"Approved by the cross-sector steering group on .*NS/\d{4}/05", html)
    html = client.get("/komunitni-plan-2026-2029/seniori/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/community-plan-2026-2029/seniors/"' in html
    english_groups = TargetGroup.objects.filter(locale__language_code="en")
    assert english_groups.count() == TargetGroup.objects.filter(locale__language_code="cs").count()
    assert english_groups.filter(slug="seniors").exists()
    # Synced translations, editable in the translation editor, not detached copies.
    assert Translation.objects.filter(enabled=True, target_locale__language_code="en").count() >= 4


def test_migrations_match_the_models():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
