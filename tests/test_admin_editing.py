"""Editing in the admin: new blocks, revision comparisons and code lists in the page's language."""

import json
import uuid

from django.urls import reverse
from django.utils.text import slugify

from wagtail.models import Locale, Revision

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    AgeCategory,
    FormOfProvision,
    PlanChapterPage,
    ServiceKind,
    ServicePage,
    TargetGroup,
)
from tests.admin_forms import error_messages
from tests.route import edit_form, edit_url, publish, submit
from workflows.roles import MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db


def measure_block():
    priority = PlanChapterPage._meta.get_field("priorities").stream_block.child_blocks["priority"]
    return priority.child_blocks["goals"].child_block.child_blocks["measures"].child_block


def with_measure(chapter, measure):
    """The chapter's hierarchy (stored form) with `measure` added to the first goal."""
    raw = chapter.priorities.stream_block.get_prep_value(chapter.priorities)
    measures = raw[0]["value"]["goals"][0]["value"]["measures"]
    measures.append({"type": "item", "value": measure, "id": str(uuid.uuid4())})
    return raw


# --- New blocks ------------------------------------------------------------------------------


@pytest.fixture
def manager_client(client, chapter, make_user):
    """Signed in as the chapter's working-group manager, who writes measures and submits them."""
    client.force_login(make_user("manazerka", "Pracovní skupina – Senioři"))
    return client


def submit_with_measure(client, chapter, measure):
    """Add `measure` to the first goal and submit the chapter to its route (full validation:
    a draft may be saved incomplete, a submission may not)."""
    return submit(client, chapter, priorities=with_measure(chapter, measure))


def new_measure(**fields):
    """A measure as the editor's "add" inserts it (the block's default), then filled in."""
    block = measure_block()
    value = block.get_prep_value(block.get_default())
    value.update(title="Nové opatření", description="<p>Popis.</p>", year_from=2027, year_to=2028)
    value.update(fields)
    return value


def test_a_new_measure_starts_without_optional_rows_and_is_submitted_once_its_own_fields_are_filled(
    manager_client, chapter, organisation
):
    revisions = Revision.objects.count()

    response = submit_with_measure(
        manager_client,
        chapter,
        new_measure(responsible=[organisation.pk]),
    )

    assert response.status_code == 302, error_messages(response.context["form"], "priorities")
    assert Revision.objects.count() == revisions + 1
    draft = PlanChapterPage.objects.get(pk=chapter.pk).get_latest_revision_as_object()
    saved = draft.priorities[0].value["goals"][0]["measures"][-1]
    assert saved["title"] == "Nové opatření"
    assert [len(saved[name]) for name in ("partners", "indicators", "service_kinds")] == [0, 0, 0]
    assert [org.pk for org in saved["responsible"]] == [organisation.pk]


def test_a_new_measure_still_needs_its_responsible_organisation(manager_client, chapter):
    revisions = Revision.objects.count()

    response = submit_with_measure(manager_client, chapter, new_measure())

    assert response.status_code == 200
    assert error_messages(response.context["form"], "priorities") == ["Toto pole je povinné."]
    assert Revision.objects.count() == revisions


def javascript_catalogue(client):
    """The strings the admin's scripts (StreamField editor, menus) show, as Django serves them."""
    import json
    import re

    source = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))


def test_the_block_delete_control_says_odstranit(admin_client):
    assert javascript_catalogue(admin_client)["Delete"] == "Odstranit"


# --- Revision comparison -----------------------------------------------------------------------


def compare(client, page, revision_a, revision_b):
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, revision_a, revision_b))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def revise_first_measure(chapter, **fields):
    page = PlanChapterPage.objects.get(pk=chapter.pk).get_latest_revision_as_object()
    raw = page.priorities.stream_block.get_prep_value(page.priorities)
    raw[0]["value"]["goals"][0]["value"]["measures"][0]["value"].update(fields)
    page.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    return page.save_revision().pk


def test_comparing_revisions_names_funding_sources_and_marks_the_added_and_removed_ones(
    admin_client, chapter
):
    before = revise_first_measure(chapter, funding_sources=["obce", "nadace"])
    after = revise_first_measure(chapter, funding_sources=["obce", "kraj"], estimated_cost=None)

    html = compare(admin_client, chapter, before, after)

    assert "Rozpočty obcí" in html
    assert '<span class="deletion">Nadace a dárci</span>' in html
    assert '<span class="addition">Rozpočet kraje</span>' in html
    assert "[&#x27;" not in html and "[]" not in html, "no Python list"
    assert ">None<" not in html and "None</span>" not in html, "an emptied cost shows as empty"


def test_an_unchanged_measure_lists_its_funding_sources_by_name(admin_client, chapter):
    before = revise_first_measure(chapter, funding_sources=["esf", "uhrady"])
    after = revise_first_measure(chapter, title="Opatření A (upraveno)")

    html = compare(admin_client, chapter, before, after)

    assert "ESF+ / OP Zaměstnanost plus, Úhrady uživatelů" in html
    assert "&#x27;esf&#x27;" not in html


def test_comparing_revisions_shows_a_callouts_kind_by_its_label(admin_client, home):
    page = factories.StandardPageFactory(parent=home, title="O plánování")
    callout = {"kind": "info", "title": "Připomínky", "text": "<p>Do 30. dubna.</p>"}
    page.body = json.dumps([{"type": "callout", "value": callout, "id": "c1"}])
    before = page.save_revision().pk
    page.body = json.dumps(
        [{"type": "callout", "value": {**callout, "kind": "warning"}, "id": "c1"}]
    )
    after = page.save_revision().pk

    html = compare(admin_client, page, before, after)

    assert '<span class="deletion">Informace</span>' in html
    assert '<span class="addition">Upozornění</span>' in html


# --- Code lists in the page's language -----------------------------------------------------------

ENGLISH_NAMES = {
    FormOfProvision: ("terenni", "outreach"),
    TargetGroup: ("seniori", "older people"),
    AgeCategory: ("dospeli", "adults"),
    ServiceKind: ("pecovatelska-sluzba", "home care service"),
}


@pytest.fixture
def english_rows(setup_data):
    """English translations of one row of each code list, as the demo translates them."""
    english = Locale.objects.get(language_code="en")
    rows = {}
    for model, (slug, name) in ENGLISH_NAMES.items():
        czech = model.objects.get(locale__language_code="cs", slug=slug)
        row = czech.copy_for_translation(english)
        row.name, row.slug = name, slugify(name)
        row.save()
        rows[model] = (czech, row)
    return rows


@pytest.fixture
def service(home, organisation):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    page = factories.ServicePageFactory(parent=catalogue, provider=organisation)
    publish(page)
    return page


@pytest.fixture
def provider_client(client, service, make_user):
    client.force_login(make_user("poskytovatel", "Poskytovatel – Charita Test"))
    return client


def offered(response, field):
    return set(response.context["form"].fields[field].queryset.values_list("pk", flat=True))


def test_a_providers_service_form_offers_only_the_czech_rows(
    provider_client, service, english_rows
):
    response = provider_client.get(edit_url(service))

    assert response.status_code == 200
    for field, model in [
        ("forms_of_provision", FormOfProvision),
        ("target_groups", TargetGroup),
        ("age_categories", AgeCategory),
        ("kind", ServiceKind),
    ]:
        czech = set(model.objects.filter(locale__language_code="cs").values_list("pk", flat=True))
        assert offered(response, field) == czech, field
    html = response.content.decode()
    assert "outreach" not in html and "older people" not in html
    assert "terénní" in html


def test_a_provider_cannot_save_an_english_row_on_a_czech_service(
    provider_client, service, english_rows
):
    revisions = Revision.objects.count()
    data = edit_form(provider_client, service)
    data.update(
        target_groups=[str(english_rows[TargetGroup][1].pk)],
        forms_of_provision=[str(english_rows[FormOfProvision][1].pk)],
        age_categories=[str(english_rows[AgeCategory][1].pk)],
        service_type="registered",
        related_category="",
        kind=str(english_rows[ServiceKind][1].pk),
    )

    response = provider_client.post(edit_url(service), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    message = "Stránka je česky: vyberte hodnotu z číselníku v jejím jazyce."
    for field in ("target_groups", "forms_of_provision", "age_categories", "kind"):
        assert errors[field] == [message], field
    assert Revision.objects.count() == revisions


def english_service(service):
    english = Locale.objects.get(language_code="en")
    for page in [*service.get_ancestors().filter(depth__gt=1).specific(), service]:
        if not page.has_translation(english):
            publish(page.copy_for_translation(english))
    return ServicePage.objects.get(translation_key=service.translation_key, locale=english)


def test_an_english_service_offers_english_rows_and_shows_its_sources_rows_translated(
    client, service, english_rows, make_user
):
    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    page = english_service(service)
    czech_group, english_group = english_rows[TargetGroup]
    assert list(page.target_groups.all()) == [czech_group], "a translation keeps its source's rows"

    response = client.get(edit_url(page))

    assert response.status_code == 200
    english_ids = set(
        TargetGroup.objects.filter(locale__language_code="en").values_list("pk", flat=True)
    )
    assert offered(response, "target_groups") == english_ids
    assert response.context["form"].initial["target_groups"] == [english_group.pk]

    data = edit_form(client, page)
    refused = client.post(edit_url(page), {**data, "target_groups": [str(czech_group.pk)]})
    assert refused.context["form"].errors["target_groups"] == [
        "Stránka je anglicky: vyberte hodnotu z číselníku v jejím jazyce."
    ]
    assert client.post(edit_url(page), data).status_code == 302
    saved = ServicePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert list(saved.target_groups.all()) == [english_group]


def test_a_working_group_page_offers_and_accepts_only_its_languages_target_groups(
    client, working_group, english_rows, make_user
):
    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    czech_group, english_group = english_rows[TargetGroup]

    response = client.get(edit_url(working_group))
    assert english_group.pk not in offered(response, "target_groups")
    assert czech_group.pk in offered(response, "target_groups")

    data = edit_form(client, working_group)
    response = client.post(edit_url(working_group), {**data, "target_groups": [english_group.pk]})
    assert response.context["form"].errors["target_groups"] == [
        "Stránka je česky: vyberte hodnotu z číselníku v jejím jazyce."
    ]
    response = client.post(edit_url(working_group), {**data, "target_groups": [czech_group.pk]})
    assert response.status_code == 302


def test_a_measure_refuses_a_related_kind_of_another_language(
    manager_client, chapter, organisation, english_rows
):
    czech_kind, english_kind = english_rows[ServiceKind]
    revisions = Revision.objects.count()

    response = submit_with_measure(
        manager_client,
        chapter,
        new_measure(responsible=[organisation.pk], service_kinds=[english_kind.pk]),
    )

    assert response.status_code == 200
    messages = error_messages(response.context["form"], "priorities")
    assert "Stránka je česky: vyberte hodnotu z číselníku v jejím jazyce." in messages
    assert Revision.objects.count() == revisions
    response = submit_with_measure(
        manager_client,
        chapter,
        new_measure(responsible=[organisation.pk], service_kinds=[czech_kind.pk]),
    )
    assert response.status_code == 302


def test_the_code_list_chooser_lists_only_the_pages_language(admin_client, english_rows):
    """The editor opens choosers with the page's language (wagtailConfig.ACTIVE_CONTENT_LOCALE);
    the list keeps to it, searching and paging included, and offers no other."""
    choose = reverse("wagtailsnippetchoosers_kpss_pages_servicekind:choose")
    results = reverse("wagtailsnippetchoosers_kpss_pages_servicekind:choose_results")

    response = admin_client.get(choose, {"locale": "en"})
    html = response.json()["html"]
    assert "home care service" in html and "pečovatelská služba" not in html
    assert 'name="locale"' not in html, "no other language is offered"
    assert f'action="{results}?locale=en"' in html, "searching keeps the language"
    response = admin_client.get(results, {"locale": "cs", "q": "péče"})
    found = list(response.context["results"])
    assert found and {item.locale.language_code for item in found} == {"cs"}
    assert 'name="locale"' in admin_client.get(choose).json()["html"], "elsewhere: Wagtail's own"


def test_an_english_page_is_not_saved_while_a_stored_row_lacks_a_translation(
    client, service, english_rows, make_user
):
    """Saving would drop the row (the form offers English rows only): it is reported instead."""
    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    in_crisis = TargetGroup.objects.get(slug="osoby-v-krizi", locale__language_code="cs")
    service.target_groups.add(in_crisis)
    publish(service)
    page = english_service(service)
    revisions = Revision.objects.count()

    data = edit_form(client, page)
    response = client.post(edit_url(page), data)

    assert response.context["form"].errors["target_groups"] == [
        "Stránka je anglicky a „osoby v krizi“ zatím nemá překlad: přeložte nejdřív číselník, "
        "jinak by se hodnota ze stránky ztratila."
    ]
    assert Revision.objects.count() == revisions
