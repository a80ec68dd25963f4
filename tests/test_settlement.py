"""Settling a consultation's comments (issue 22): a working group proposes outcomes for its
chapters' comments in bulk, the settlement passes the approval route, and the public reads the
table (filtered and sorted without JavaScript), CSV for Czech Excel, XLSX and each comment's
answer; an accepted comment links to the change it made."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from consultation.factories import ConsultationPageFactory
from consultation.models import Comment, Outcome, SettlementPage
from kpss_pages.models import PlanChapterPage
from tests.route import approve_route, publish, signed_in
from workflows import roles
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


def add_comment(consultation, chapter, number_text, *, code="1.1.1", consent=True, **fields):
    target = consultation.snapshot.target(f"{chapter.pk}:{code}" if chapter else "plan")
    comment = Comment.objects.create(
        consultation=consultation,
        name=fields.pop("name", "Marie Svobodová"),
        email="marie@example.cz",
        organisation=fields.pop("organisation", "Spolek Senior"),
        publish_name=consent,
        target_chapter_id=target.chapter_id,
        target_code=target.code,
        target_label=target.label,
        text=number_text,
        **fields,
    )
    comment.count()
    return comment


@pytest.fixture
def people(make_user, chapter):
    roles.sync_working_group(chapter.working_group)
    return {
        "ps": make_user("manazerka", "Pracovní skupina – Senioři"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
        "auditor": make_user("auditor", AUDITOR),
        "nobody": make_user("nikdo"),
    }


@pytest.fixture
def consultation(chapter, people):
    """The plan's chapter approved once through the route, then put out for comments."""
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    page.save_revision(user=people["mt"])
    approve_route(
        page,
        author=people["mt"],
        management_team=people["mt"],
        steering_group=people["ns"],
        resolution="NS/2026/01",
        meeting_date="2026-06-01",
    )
    return publish(ConsultationPageFactory(parent=chapter.get_parent()))


@pytest.fixture
def comments(consultation, chapter):
    return [
        add_comment(consultation, chapter, "Víkendová služba."),
        add_comment(consultation, chapter, "Více peněz na terén.", code="1.1.2", consent=False),
        add_comment(consultation, None, "Shrnutí financí na začátku.", name="Petr Dvořák"),
    ]


def settle_url(consultation):
    return reverse("consultation_settle", args=[consultation.pk])


def propose(client, consultation, comments, **data):
    payload = {"comments": [str(c.pk) for c in comments], "outcome": "", "reason": "", "like": ""}
    payload.update(data)
    return client.post(settle_url(consultation), payload)


def test_a_working_group_proposes_outcomes_for_its_chapters_comments_in_bulk(
    consultation, comments, people
):
    client = signed_in(people["ps"])
    listing = client.get(settle_url(consultation)).content.decode()
    assert "Víkendová služba." in listing and "Shrnutí financí" not in listing

    response = propose(
        client, consultation, comments[:2], outcome=Outcome.ACCEPTED, reason="Doplníme."
    )
    assert response.status_code == 302
    page = SettlementPage.objects.child_of(consultation).get()
    assert not page.live, "a proposal is a draft until the route approves it"
    revision = page.get_latest_revision()
    assert revision.user == people["ps"]
    rows = revision.as_object().rows_by_comment()
    assert {rows[c.pk].outcome for c in comments[:2]} == {Outcome.ACCEPTED}
    assert signed_in(people["nobody"]).get(page.url).status_code == 404

    # The same answer reused for a similar comment: outcome and reason taken over.
    mt = signed_in(people["mt"])
    response = propose(mt, consultation, comments[2:], like=str(comments[0].pk))
    assert response.status_code == 302
    page = SettlementPage.objects.get(pk=page.pk)
    rows = page.get_latest_revision().as_object().rows_by_comment()
    assert (rows[comments[2].pk].outcome, rows[comments[2].pk].reason) == (
        Outcome.ACCEPTED,
        "Doplníme.",
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"outcome": "", "reason": "Důvod"}, "Vyberte výsledek, nebo převezměte odpověď."),
        ({"outcome": "neakceptovano", "reason": "  "}, "Napište odůvodnění"),
        ({"outcome": "vymysleny", "reason": "Důvod"}, "není k dispozici"),
        ({"outcome": "neakceptovano", "reason": "x" * 5001}, "5000"),
    ],
)
def test_a_bad_proposal_is_refused_in_czech_and_saves_nothing(
    consultation, comments, people, data, message
):
    response = propose(signed_in(people["ps"]), consultation, comments[:1], **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SettlementPage.objects.exists()


def test_a_working_group_cannot_settle_comments_of_others(consultation, comments, people):
    client = signed_in(people["ps"])
    response = propose(client, consultation, comments, outcome="neakceptovano", reason="Ne.")
    assert response.status_code == 400
    assert "mezi těmi, které vypořádáváte, není" in response.content.decode()
    assert not SettlementPage.objects.exists()
    for role in ("auditor", "nobody"):
        refused = propose(
            signed_in(people[role]), consultation, comments, outcome="neakceptovano", reason="Ne"
        )
        # Refused by Wagtail: to the dashboard with "no permission", or to sign-in without
        # admin access.
        assert refused.status_code == 302
        assert refused["Location"] in ("/admin/", f"/admin/login/?next={settle_url(consultation)}")
    assert not SettlementPage.objects.exists()


@pytest.fixture
def settled(consultation, comments, people, chapter, organisation):
    """All three comments settled, the first accepted with a changed measure; the settlement
    and the chapter's new version approved by the steering group."""
    mt = signed_in(people["mt"])
    propose(mt, consultation, comments[:1], outcome=Outcome.ACCEPTED, reason="Doplněno.")
    propose(mt, consultation, comments[1:2], outcome=Outcome.REJECTED, reason="Nelze.")
    propose(mt, consultation, comments[2:], outcome=Outcome.NOTED, reason="Bereme na vědomí.")
    page = SettlementPage.objects.child_of(consultation).get()
    draft = page.get_latest_revision_as_object()
    rows = draft.rows_by_comment()
    rows[comments[0].pk].changed_part = "1.1.1"
    draft.rows = list(rows.values())
    draft.save_revision(user=people["mt"])
    route = {
        "author": people["mt"],
        "management_team": people["mt"],
        "steering_group": people["ns"],
        "meeting_date": "2026-12-01",
    }
    approve_route(page, resolution="NS/2026/12", **route)
    new = PlanChapterPage.objects.get(pk=chapter.pk)
    new.summary = "Doplněno o víkendovou službu."
    new.save_revision(user=people["mt"])
    approve_route(new, resolution="NS/2026/13", **route)
    return SettlementPage.objects.get(pk=page.pk)


def test_the_approved_settlement_is_public_filtered_and_sorted_without_javascript(
    client, settled, consultation, comments
):
    html = client.get(settled.url).content.decode()
    for comment in comments:
        assert comment.text in html
    assert "Marie Svobodová" in html and "Petr Dvořák" in html
    assert html.count("neuvedeno (bez souhlasu se zveřejněním)") == 1
    assert "marie@example.cz" not in html
    assert "NS/2026/12" in html, "the approval line names the resolution"

    rejected = client.get(settled.url + "?vysledek=neakceptovano").content.decode()
    assert "Více peněz na terén." in rejected and "Víkendová služba." not in rejected
    whole_plan = client.get(settled.url + "?kapitola=plan").content.decode()
    assert "Shrnutí financí" in whole_plan and "Víkendová služba." not in whole_plan
    by_outcome = client.get(settled.url + "?razeni=vysledek").content.decode()
    assert by_outcome.index("Víkendová služba.") < by_outcome.index("Více peněz na terén.")
    assert by_outcome.index("Více peněz na terén.") < by_outcome.index("Shrnutí financí")

    answer = client.get(consultation.url + f"pripominka/{comments[1].number}/").content.decode()
    assert "neakceptováno" in answer and "Nelze." in answer


def test_an_accepted_comment_links_to_the_new_version_and_the_comparison(client, settled, chapter):
    html = client.get(settled.url).content.decode()
    versions = list(
        chapter.revisions.filter(approval_records__isnull=False).distinct().order_by("pk")
    )
    old, new = versions[0], versions[-1]
    assert f"{chapter.url}historie/{new.pk}/#opatreni-1-1-1" in html
    assert f"{chapter.url}historie/porovnani/{old.pk}/{new.pk}/" in html
    assert client.get(f"{chapter.url}historie/porovnani/{old.pk}/{new.pk}/").status_code == 200


def test_the_settlement_as_csv_for_czech_excel_and_as_xlsx(client, settled, consultation):
    response = client.get(consultation.url + "vyporadani.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][:3] == ["Číslo", "K části návrhu", "Připomínkující"]
    assert len(rows) == 4
    assert "marie@example.cz" not in body
    assert rows[2][2] == "neuvedeno (bez souhlasu se zveřejněním)" and rows[2][3] == ""

    xlsx = client.get(consultation.url + "vyporadani.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0] and len(values) == 4
    assert values[1][9] == "akceptováno"


def test_no_export_before_the_settlement_is_approved(client, consultation, comments, people):
    propose(signed_in(people["mt"]), consultation, comments, outcome="castecne", reason="Část.")
    assert client.get(consultation.url + "vyporadani.csv").status_code == 404
    assert client.get(consultation.url + "vyporadani.xlsx").status_code == 404
    answer = client.get(consultation.url + f"pripominka/{comments[0].number}/").content.decode()
    assert "zatím nebyla vypořádána" in answer


def test_commenters_who_asked_get_their_answer_once_the_settlement_is_published(
    consultation, chapter, people, django_capture_on_commit_callbacks
):
    from django.core import mail

    asked = add_comment(consultation, chapter, "Prosím o odpověď.", wants_answer=True)
    add_comment(consultation, chapter, "Odpověď nechci.")
    propose(
        signed_in(people["mt"]),
        consultation,
        list(consultation.comments.all()),
        outcome="castecne",
        reason="Zčásti.",
    )
    page = SettlementPage.objects.child_of(consultation).get()
    assert not mail.outbox, "nothing is sent for a proposal"
    route = {
        "author": people["mt"],
        "management_team": people["mt"],
        "steering_group": people["ns"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        approve_route(page, resolution="NS/2026/12", meeting_date="2026-12-01", **route)
    answers = [m for m in mail.outbox if m.to == ["marie@example.cz"]]
    assert len(answers) == 1
    assert f"připomínky č. {asked.reference}: částečně akceptováno" in answers[0].subject
    assert f"pripominka/{asked.number}/" in answers[0].body and "Zčásti." in answers[0].body
    asked.refresh_from_db()
    assert asked.answered_at is not None

    # A later settlement (a correction) does not mail the same person again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = SettlementPage.objects.get(pk=page.pk)
        page.save_revision(user=people["mt"])
        approve_route(page, resolution="NS/2026/14", meeting_date="2026-12-03", **route)
    assert not [m for m in mail.outbox if m.to == ["marie@example.cz"]]


def test_every_comment_is_in_the_audit_trail(consultation, chapter, people):
    from wagtail.models import ModelLogEntry

    comment = add_comment(consultation, chapter, "Do auditu.")
    entry = ModelLogEntry.objects.get(object_id=str(comment.pk), action="wagtail.create")
    assert entry.content_type.model == "comment"
    auditor = signed_in(people["auditor"])
    history = auditor.get(
        reverse("kpss_record_history", args=["consultation", "comment", comment.pk])
    )
    assert history.status_code == 200 and "pořadové číslo" in history.content.decode()
    audit = auditor.get(reverse("kpss_audit")).content.decode()
    assert f"připomínka č. {comment.reference}" in audit


def test_a_published_settlement_is_corrected_by_a_new_proposal_that_keeps_the_other_rows(
    settled, consultation, comments, people
):
    """The draft of a page without unpublished changes is the live page itself: a correction
    must still change its row and keep the others."""
    response = propose(
        signed_in(people["mt"]), consultation, comments[1:2], outcome="castecne", reason="Zčásti."
    )
    assert response.status_code == 302
    page = SettlementPage.objects.get(pk=settled.pk)
    rows = page.get_latest_revision_as_object().rows_by_comment()
    assert (rows[comments[1].pk].outcome, rows[comments[1].pk].reason) == ("castecne", "Zčásti.")
    assert rows[comments[0].pk].changed_part == "1.1.1", "the other rows are kept whole"
    assert len(rows) == 3
    assert page.rows_by_comment()[comments[1].pk].outcome == "neakceptovano", "live unchanged"


def test_a_sender_gets_their_comments_exported_and_erased_the_settlement_stays(
    settled, consultation, comments, people, tmp_path, client
):
    import json

    from django.core.management import call_command

    path = tmp_path / "export.json"
    call_command(
        "kpss_gdpr_export", sender=["MARIE@example.cz"], output=str(path), stdout=io.StringIO()
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["oddily"]["pripominky"]["tabulky"]["consultation.comment"]["zaznamy"]
    assert {row["text"] for row in rows} == {c.text for c in comments if c.email}
    assert all(row["email"] == "marie@example.cz" for row in rows)

    call_command(
        "kpss_gdpr_erase",
        sender=["marie@example.cz"],
        operator="mt",
        yes=True,
        stdout=io.StringIO(),
    )
    first = Comment.objects.get(pk=comments[0].pk)
    assert (first.email, first.organisation, first.publish_name) == ("", "", False)
    assert first.name.startswith("Vymazaný odesílatel")
    assert not first.history.filter(email="marie@example.cz").exists(), "history rewritten"
    table = client.get(settled.url).content.decode()
    assert "Víkendová služba." in table and "Marie Svobodová" not in table


def test_the_approved_settlement_is_an_annex_of_the_plans_pdf(client, settled, consultation):
    from tests.test_plan_pdf import pdf_text

    plan = consultation.get_parent()
    pages = pdf_text(client.get(plan.url + "pdf/"))
    text = "\n".join(pages)
    assert "Příloha 1: Vypořádání připomínek" in pages[1], "listed in the contents"
    assert "Víkendová služba." in text and "akceptováno" in text
    assert "neuvedeno" in text and "marie@example.cz" not in text


def test_a_settlement_the_management_team_decides_needs_no_resolution(
    consultation, comments, people
):
    from wagtail.models import WorkflowState

    page = type(consultation).objects.get(pk=consultation.pk)
    page.settling_body = "mt"
    publish(page)
    propose(signed_in(people["mt"]), consultation, comments, outcome="castecne", reason="Část.")
    settlement = SettlementPage.objects.child_of(consultation).get()
    assert [t.specific.__class__.__name__ for t in settlement.get_workflow().tasks] == [
        "ReviewTask"
    ]
    approve_route(settlement, author=people["mt"], management_team=people["mt"])
    settlement.refresh_from_db()
    assert settlement.live
    state = WorkflowState.objects.for_instance(settlement).get()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_the_settlement_table_stays_within_the_query_budget_at_any_size(
    client, settled, consultation, chapter, people, settings
):
    from tests.test_query_budgets import BUDGET, queries

    settings.KPSS_PAGE_CACHE = False
    small = queries(client, settled.url)
    more = [add_comment(consultation, chapter, f"Další připomínka {n}.") for n in range(30)]
    propose(signed_in(people["mt"]), consultation, more, outcome="vzato-na-vedomi", reason="Ano.")
    page = SettlementPage.objects.get(pk=settled.pk)
    route = {"author": people["mt"], "management_team": people["mt"]}
    approve_route(
        page,
        steering_group=people["ns"],
        resolution="NS/2026/15",
        meeting_date="2026-12-02",
        **route,
    )
    large = queries(client, settled.url)
    assert len(small) <= BUDGET, "\n".join(small)
    assert len(large) == len(small), "\n".join(large)
    assert "Další připomínka 29." in client.get(settled.url).content.decode()


def test_a_working_group_reuses_only_its_own_answers(consultation, comments, people):
    propose(
        signed_in(people["mt"]),
        consultation,
        comments[2:],
        outcome="neakceptovano",
        reason="Návrh manažerského týmu k celému plánu.",
    )
    html = signed_in(people["ps"]).get(settle_url(consultation)).content.decode()
    assert "Návrh manažerského týmu" not in html
    refused = propose(signed_in(people["ps"]), consultation, comments[:1], like=str(comments[2].pk))
    assert refused.status_code == 400
    page = SettlementPage.objects.child_of(consultation).get()
    assert comments[0].pk not in page.get_latest_revision_as_object().rows_by_comment()


def test_the_settlement_editor_refuses_another_consultations_comment(
    consultation, comments, people, chapter
):
    from tests.route import edit_form, edit_url

    other = publish(ConsultationPageFactory(parent=chapter.get_parent(), slug="jina"))
    foreign = add_comment(other, chapter, "Z jiného připomínkování.")
    propose(signed_in(people["mt"]), consultation, comments[:1], outcome="castecne", reason="R.")
    page = SettlementPage.objects.child_of(consultation).get()
    client = signed_in(people["mt"])
    data = edit_form(client, page)
    data["rows-0-comment"] = str(foreign.pk)
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "není k dispozici" in response.content.decode()
    page = SettlementPage.objects.get(pk=page.pk)
    rows = page.get_latest_revision_as_object().rows_by_comment()
    assert foreign.pk not in rows and comments[0].pk in rows


def test_the_admin_screens_of_a_consultation_are_named_in_their_header(
    consultation, comments, people
):
    from bs4 import BeautifulSoup

    client = signed_in(people["mt"])
    for url, title in (
        (settle_url(consultation), "Vypořádání připomínek"),
        (reverse("consultation_add_comment", args=[consultation.pk]), "Zapsat připomínku"),
    ):
        # Wagtail's h1 is for screen readers; the visible header is the breadcrumbs' last item.
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for hidden in soup.select(".w-sr-only"):
            hidden.decompose()
        header = soup.find("header")
        assert title in header.get_text(), header.get_text()
