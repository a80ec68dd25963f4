"""Codes of priorities, goals and measures follow from order: stable on edit, renumbered on move."""

import pytest

from kpss_pages import factories
from kpss_pages.models import PlanChapterPage
from tests.route import publish, publish_in_admin

pytestmark = pytest.mark.django_db

MEASURES = "priorities-0-value-goals-0-value-measures"


def codes(chapter):
    chapter = PlanChapterPage.objects.get(pk=chapter.pk)
    return [
        (measure.code, measure.value["title"])
        for priority in chapter.numbered_priorities()
        for goal in priority.children
        for measure in goal.children
    ]


def published_in_admin(client, chapter, **fields):
    """Publish the chapter from the editor with `fields` (the form's own names) changed."""
    response = publish_in_admin(client, chapter, **fields)
    assert response.status_code == 302, response.context["form"].errors


def test_codes_follow_the_order_of_measures(chapter):
    assert codes(chapter) == [
        ("1.1.1", "Opatření A"),
        ("1.1.2", "Opatření B"),
        ("1.1.3", "Opatření C"),
    ]


def test_editing_a_measure_keeps_every_code(admin_client, chapter):
    published_in_admin(
        admin_client,
        chapter,
        **{
            f"{MEASURES}-1-value-title": "Opatření B, nově formulované",
            f"{MEASURES}-1-value-estimated_cost": "250000",
        },
    )

    assert codes(chapter) == [
        ("1.1.1", "Opatření A"),
        ("1.1.2", "Opatření B, nově formulované"),
        ("1.1.3", "Opatření C"),
    ]


def test_editing_a_measure_keeps_its_block_identity(admin_client, chapter):
    """Revisions compare measures by identity; an edit must not turn one into a new measure."""
    before = [m.id for m in chapter.priorities[0].value["goals"][0]["measures"].bound_blocks]

    published_in_admin(admin_client, chapter, **{f"{MEASURES}-0-value-title": "Opatření A2"})

    chapter = PlanChapterPage.objects.get(pk=chapter.pk)
    after = [m.id for m in chapter.priorities[0].value["goals"][0]["measures"].bound_blocks]
    assert after == before


def test_moving_a_measure_renumbers_it_and_those_after_it(admin_client, chapter):
    move_c_to_the_top = {
        f"{MEASURES}-2-order": "0",
        f"{MEASURES}-0-order": "1",
        f"{MEASURES}-1-order": "2",
    }
    published_in_admin(admin_client, chapter, **move_c_to_the_top)

    assert codes(chapter) == [
        ("1.1.1", "Opatření C"),
        ("1.1.2", "Opatření A"),
        ("1.1.3", "Opatření B"),
    ]


def test_deleting_a_measure_renumbers_the_ones_after_it(admin_client, chapter):
    published_in_admin(admin_client, chapter, **{f"{MEASURES}-0-deleted": "1"})

    assert codes(chapter) == [("1.1.1", "Opatření B"), ("1.1.2", "Opatření C")]


def test_priorities_are_numbered_across_the_plan(chapter, plan, working_group, organisation):
    measure = factories.measure_value("Opatření D", organisation)
    second = factories.PlanChapterPageFactory(
        parent=plan,
        title="Rodina",
        number=2,
        working_group=working_group,
        priorities=[
            factories.priority_value("Rodiny v krizi", [("Krizová pomoc", [measure])]),
            factories.priority_value("Děti", [("Kluby", [measure]), ("Tábory", [measure])]),
        ],
    )

    assert [c for c, _title in codes(second)] == ["2.1.1", "3.1.1", "3.2.1"]
    all_codes = [c for page in (chapter, second) for c, _t in codes(page)]
    assert len(all_codes) == len(set(all_codes)), "codes must be unique within the plan"


def test_chapter_numbers_order_the_priority_numbering(chapter, plan, working_group, organisation):
    """A chapter numbered before an existing one takes the lower priority numbers."""
    measure = factories.measure_value("Opatření Z", organisation)
    chapter.number = 2
    publish(chapter)
    first = factories.PlanChapterPageFactory(
        parent=plan,
        title="Obce",
        number=1,
        working_group=working_group,
        priorities=[factories.priority_value("Financování", [("Dohoda", [measure])])],
    )

    assert codes(first) == [("1.1.1", "Opatření Z")]
    assert codes(chapter)[0] == ("2.1.1", "Opatření A")
