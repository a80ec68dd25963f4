"""The annual action plan (issue 22's consultation "also usable for an action plan", issue 23's
action plan): measures of the approved plan chosen for a year with budgets by source, edited
in the admin with Czech errors, public only after the route, and put out for comments."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from consultation.factories import ConsultationPageFactory
from consultation.models import Comment, Outcome, SettlementPage
from kpss_pages.factories import ActionPlanPageFactory, action_item
from kpss_pages.models import ActionPlanPage
from tests.admin_forms import page_form_data
from tests.route import add_url, approve_route, edit_url, publish, signed_in
from workflows import roles
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, chapter):
    roles.sync_working_group(chapter.working_group)
    return {
        "ps": make_user("manazerka", "Pracovní skupina – Senioři"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
        "nobody": make_user("nikdo"),
    }


@pytest.fixture
def measures(plan, chapter):
    """The published measures of the plan, by code."""
    return {ref.code: ref for ref in plan.measures()}


def approve(page, people, resolution):
    approve_route(
        page,
        author=people["mt"],
        management_team=people["mt"],
        steering_group=people["ns"],
        resolution=resolution,
        meeting_date="2026-06-01",
    )
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def action_plan(plan, measures, people):
    """2026: measures 1.1.2 and 1.1.1 (in that order) with budgets, approved."""
    page = ActionPlanPageFactory(
        parent=plan,
        title="Akční plán 2026",
        live=False,
        items=[
            action_item(measures["1.1.2"].block_id, [("kraj", 30_000)]),
            action_item(measures["1.1.1"].block_id, [("obce", 40_000), ("stat", 60_000)]),
        ],
    )
    page.save_revision(user=people["mt"])
    return approve(page, people, "NS/2026/07")


def test_measures_carry_stable_ids_and_their_plan_codes(plan, measures, chapter):
    assert sorted(measures) == ["1.1.1", "1.1.2", "1.1.3"]
    assert all(len(ref.block_id) == 36 for ref in measures.values())
    assert measures["1.1.2"].title == "Opatření B" and measures["1.1.2"].chapter.pk == chapter.pk
    assert measures["1.1.2"].anchor == "opatreni-1-1-2"


def test_the_approved_action_plan_is_public_in_the_plans_order_with_budgets(
    client, plan, action_plan
):
    html = client.get(action_plan.url).content.decode()
    assert html.index("Opatření A") < html.index("Opatření B"), "ordered by the plan's codes"
    assert 'id="opatreni-1-1-1"' in html
    assert "100\xa0000\xa0Kč" in html, "the measure's own total"
    assert "130\xa0000\xa0Kč" in html, "the action plan's total by source"
    assert "Rozpočet kraje" in html and "MPSV – dotace podle § 101a" in html
    assert f'href="{action_plan.url}"' in client.get(plan.url).content.decode()


def test_a_draft_action_plan_is_not_public(client, plan, measures, people):
    page = ActionPlanPageFactory(
        parent=plan, year=2027, live=False, items=[action_item(measures["1.1.1"].block_id)]
    )
    page.save_revision(user=people["mt"])
    assert client.get(page.url).status_code == 404
    assert page.title not in client.get(plan.url).content.decode()


def add_form(client, plan, **changes):
    page = ActionPlanPage()
    fields = {"title": "Akční plán 2027", "slug": "akcni-plan-2027", "year": "2027", **changes}
    return page_form_data(client, add_url(ActionPlanPage, plan), page, **fields)


def item_errors(response):
    form = response.context["form"]
    from tests.admin_forms import error_messages

    return error_messages(form, "items") + error_messages(form, "year")


@pytest.fixture
def other_plans_measure(home, organisation, working_group):
    from kpss_pages import factories

    other = factories.CommunityPlanPageFactory(parent=home, title="Jiný plán")
    chapter = factories.PlanChapterPageFactory(
        parent=other,
        number=1,
        working_group=working_group,
        priorities=[
            factories.priority_value(
                "P", [("C", [factories.measure_value("Cizí opatření", organisation)])]
            )
        ],
    )
    publish(chapter)
    return other.measures()[0].block_id


def test_a_forged_measure_is_refused(plan, measures, people):
    client = signed_in(people["mt"])
    data = add_form(client, plan)
    data.update(page_form_data_items(plan, [action_item("00000000-0000-0000-0000-000000000000")]))
    response = client.post(add_url(ActionPlanPage, plan), data)
    assert any("není k dispozici" in message for message in item_errors(response))
    assert not ActionPlanPage.objects.exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("foreign", "Toto opatření v plánu „Plán 2026–2029“ není."),
        ("twice", "Opatření 1.1.1 je v akčním plánu už jednou."),
        ("source-twice", "Každý zdroj uveďte jen jednou; částky sečtěte."),
        ("negative", "Hodnota musí být větší nebo rovna 0."),
        ("year", "Rok 2031 je mimo období plánu 2026–2029."),
    ],
)
def test_bad_action_plans_get_a_czech_message_and_nothing_is_saved(
    plan, measures, people, other_plans_measure, case, message
):
    client = signed_in(people["mt"])
    one = measures["1.1.1"].block_id
    items = {
        "foreign": [action_item(other_plans_measure)],
        "twice": [action_item(one), action_item(one)],
        "source-twice": [action_item(one, [("obce", 1), ("obce", 2)])],
        "negative": [action_item(one, [("obce", -5)])],
        "year": [action_item(one)],
    }[case]
    changes = {"year": "2031"} if case == "year" else {}
    data = add_form(client, plan, **changes)
    data.update(page_form_data_items(plan, items))
    response = client.post(add_url(ActionPlanPage, plan), data)
    assert response.status_code == 200
    assert message in item_errors(response), item_errors(response)
    assert not ActionPlanPage.objects.exists()


def page_form_data_items(plan, items):
    """The flat form fields of `items` (raw (type, value) pairs), as the editor's JS sends them."""
    from tests.admin_forms import block_form_data, flatten

    field = ActionPlanPage._meta.get_field("items")
    value = field.stream_block.to_python([{"type": t, "value": v} for t, v in items])
    return flatten({"items": block_form_data(field.stream_block, value)})


def test_the_management_team_drafts_an_action_plan_in_the_admin(plan, measures, people):
    client = signed_in(people["mt"])
    data = add_form(client, plan)
    data.update(page_form_data_items(plan, [action_item(measures["1.1.3"].block_id)]))
    response = client.post(add_url(ActionPlanPage, plan), data)
    assert response.status_code == 302, item_errors(response)
    page = ActionPlanPage.objects.get()
    assert not page.live and page.get_workflow().name == roles.PLAN_WORKFLOW
    choices = client.get(edit_url(page)).content.decode()
    assert "1.1.3 Opat" in choices, "the measure is offered with its code (in the blocks' JSON)"

    # A working group may not edit the action plan (the management team prepares it).
    assert signed_in(people["ps"]).get(edit_url(page)).status_code == 302


def test_one_action_plan_per_year(plan, action_plan, people, measures):
    client = signed_in(people["mt"])
    data = add_form(client, plan, year="2026")
    data.update(page_form_data_items(plan, [action_item(measures["1.1.3"].block_id)]))
    response = client.post(add_url(ActionPlanPage, plan), data)
    assert "Akční plán na rok 2026 už v tomto plánu je: „Akční plán 2026“." in item_errors(response)


def test_the_public_comparison_of_two_approved_versions(client, action_plan, people, measures):
    page = ActionPlanPage.objects.get(pk=action_plan.pk)
    page.items = [action_item(measures["1.1.1"].block_id, [("obce", 45_000), ("stat", 60_000)])]
    page.save_revision(user=people["mt"])
    page = approve(page, people, "NS/2026/09")
    approved = page.revisions.filter(approval_records__isnull=False).distinct().order_by("pk")
    old, new = (revision.pk for revision in approved)
    compare = client.get(f"{page.url}historie/porovnani/{old}/{new}/").content.decode()
    assert "45\xa0000\xa0Kč" in compare and "Opatření 1.1.2" in compare


@pytest.fixture
def consultation(action_plan, people, measures):
    """The 2027 draft action plan out for comments."""
    draft = ActionPlanPageFactory(
        parent=action_plan.get_parent(),
        title="Akční plán 2027",
        year=2027,
        live=False,
        items=[action_item(measures["1.1.3"].block_id, [("obce", 20_000)])],
    )
    draft.save_revision(user=people["mt"])
    return publish(ConsultationPageFactory(parent=draft, title="Připomínky k AP 2027"))


def test_a_draft_action_plan_is_out_for_comment_frozen(client, consultation, measures, chapter):
    snapshot = consultation.snapshot
    assert snapshot.is_action_plan
    assert list(snapshot.targets) == ["plan", f"{chapter.pk}:1.1.3"]
    html = client.get(consultation.url).content.decode()
    assert "Opatření C" in html and "Opatření A" not in html
    assert f"pripominkovat/?cast={chapter.pk}:1.1.3" in html
    assert "Připomínkovat celý akční plán" in html
    # The unpublished action plan is named in the breadcrumbs, not linked.
    assert f'href="{consultation.get_parent().url}"' not in html

    # A later draft of the action plan does not change what is under consultation.
    draft = ActionPlanPage.objects.get(pk=consultation.get_parent().pk)
    draft.items = [action_item(measures["1.1.1"].block_id)]
    draft.save_revision()
    fresh = type(consultation).objects.get(pk=consultation.pk)
    assert "Opatření C" in Client().get(fresh.url).content.decode()


def test_a_comment_on_an_action_plan_measure_reaches_its_working_group(
    client, consultation, chapter, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            consultation.url + "pripominkovat/",
            {
                "target": f"{chapter.pk}:1.1.3",
                "name": "Marie Svobodová",
                "email": "marie@example.cz",
                "role": "uzivatel",
                "text": "Senior taxi i do Meziříčí.",
                "consent": "on",
                "website": "",
            },
        )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.target_chapter_id == chapter.pk and comment.target_code == "1.1.3"
    assert comment.target_label == "Opatření 1.1.3: Opatření C"
    assert len(mail.outbox) == 1, "the confirmation link"
    confirm = re.search(r"(/\S+/potvrzeni/\S+/)", mail.outbox[0].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urlsplit(confirm).path)
    comment.refresh_from_db()
    assert comment.number == 1
    assert mail.outbox[-1].to == [people["ps"].email], "the chapter's working group is told"
    # The group sees it among its comments in the admin; another group's member would not.
    assert (
        "Senior taxi i do Meziříčí."
        in signed_in(people["ps"])
        .get(reverse("consultation_settle", args=[consultation.pk]))
        .content.decode()
    )


def test_an_accepted_comment_links_to_the_next_approved_action_plan(
    client, consultation, chapter, people, measures
):
    from tests.test_settlement import add_comment, propose

    comment = add_comment(consultation, chapter, "Více peněz na taxi.", code="1.1.3")
    mt = signed_in(people["mt"])
    propose(mt, consultation, [comment], outcome=Outcome.ACCEPTED, reason="Navýšeno.")
    settlement = SettlementPage.objects.child_of(consultation).get()
    draft = settlement.get_latest_revision_as_object()
    rows = draft.rows_by_comment()
    rows[comment.pk].changed_part = "1.1.3"
    draft.rows = list(rows.values())
    draft.save_revision(user=people["mt"])
    settlement = approve(settlement, people, "NS/2026/20")

    action_plan = ActionPlanPage.objects.get(pk=consultation.get_parent().pk)
    action_plan.items = [action_item(measures["1.1.3"].block_id, [("obce", 35_000)])]
    action_plan.save_revision(user=people["mt"])
    action_plan = approve(action_plan, people, "NS/2026/21")

    html = client.get(settlement.url).content.decode()
    new = action_plan.live_revision_id
    assert f"{action_plan.url}historie/{new}/#opatreni-1-1-3" in html
    assert client.get(f"{action_plan.url}historie/{new}/").status_code == 200
