"""Bad input gets a clear Czech error in the admin and nothing is saved."""

from django.urls import reverse

from wagtail.models import Revision

import pytest

from kpss_pages import factories
from kpss_pages.models import (
    CommunityPlanPage,
    FormOfProvision,
    Organisation,
    PlanChapterPage,
    ServiceKind,
    ServicePage,
    TargetGroup,
    WorkingGroupMember,
)
from tests.admin_forms import error_messages, page_form_data
from tests.route import add_url, post_edit

pytestmark = pytest.mark.django_db


# --- Record choosers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", ["organisation", "municipality", "workinggroupmember", "targetgroup", "servicekind"]
)
def test_a_record_chooser_offers_no_creation_and_its_create_url_is_not_found(admin_client, model):
    # Wagtail routes .../create/ for every snippet chooser without giving it a form: a POST there
    # was a server error.
    chooser = f"/admin/snippets/choose/kpss_pages/{model}/"
    assert admin_client.get(chooser).status_code == 200
    before = Organisation.objects.count(), WorkingGroupMember.objects.count()
    for method in (admin_client.get, admin_client.post):
        assert method(f"{chooser}create/", {"name": "Nový záznam"}).status_code == 404
    assert (Organisation.objects.count(), WorkingGroupMember.objects.count()) == before


# --- IČO -------------------------------------------------------------------------------------


def organisation_data(ico):
    return {"name": "Spolek Test", "ico": ico, "triad_role": "poskytovatel", "postcode": ""}


def test_organisation_with_wrong_ico_check_digit_is_refused(admin_client):
    url = reverse("wagtailsnippets_kpss_pages_organisation:add")
    response = admin_client.post(url, organisation_data("25596642"))

    assert response.status_code == 200
    assert response.context["form"].errors["ico"] == [
        "IČO 25596642 není platné: nesouhlasí kontrolní číslice."
    ]
    assert "nesouhlasí kontrolní číslice" in response.content.decode()
    assert not Organisation.objects.exists()


def test_organisation_with_ico_of_wrong_length_is_refused(admin_client):
    url = reverse("wagtailsnippets_kpss_pages_organisation:add")
    response = admin_client.post(url, organisation_data("1234"))

    assert response.context["form"].errors["ico"] == ["IČO musí mít přesně 8 číslic."]
    assert not Organisation.objects.exists()


def test_organisation_with_valid_ico_is_saved(admin_client):
    url = reverse("wagtailsnippets_kpss_pages_organisation:add")
    # 25596641 is the IČO of a real Czech company; its check digit is correct.
    response = admin_client.post(url, organisation_data("25596641"))

    assert response.status_code == 302
    assert Organisation.objects.get().ico == "25596641"


def test_two_organisations_without_ico_may_coexist(admin_client):
    url = reverse("wagtailsnippets_kpss_pages_organisation:add")
    admin_client.post(url, organisation_data(""))
    response = admin_client.post(url, {**organisation_data(""), "name": "Jiný spolek"})

    assert response.status_code == 302
    assert Organisation.objects.filter(ico__isnull=True).count() == 2


def test_duplicate_ico_is_refused(admin_client, organisation):
    url = reverse("wagtailsnippets_kpss_pages_organisation:add")
    response = admin_client.post(url, organisation_data(organisation.ico))

    assert "ico" in response.context["form"].errors
    assert Organisation.objects.count() == 1


# --- The plan's period -----------------------------------------------------------------------


def test_plan_whose_period_ends_before_it_starts_is_refused(admin_client, home):
    url = add_url(CommunityPlanPage, home)
    data = page_form_data(
        admin_client,
        url,
        CommunityPlanPage(),
        title="Plán 2029–2026",
        slug="plan",
        territory="mikroregion",
        valid_from="2029",
        valid_to="2026",
    )
    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"] == [
        "Konec období (2026) nesmí předcházet jeho začátku (2029)."
    ]
    assert not CommunityPlanPage.objects.exists()


def test_plan_with_a_valid_period_is_created(admin_client, home):
    url = add_url(CommunityPlanPage, home)
    data = page_form_data(
        admin_client,
        url,
        CommunityPlanPage(),
        title="Plán 2026–2029",
        slug="plan",
        territory="mikroregion",
        valid_from="2026",
        valid_to="2029",
    )
    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert CommunityPlanPage.objects.get().period == "2026–2029"


# --- Measures ----------------------------------------------------------------------------------


def edit_first_measure(client, chapter, **fields):
    priorities = chapter.priorities
    priorities[0].value["goals"][0]["measures"][0].update(fields)
    return post_edit(client, chapter, priorities=priorities)


def test_measure_outside_the_plan_period_is_refused(admin_client, chapter):
    revisions = Revision.objects.count()

    response = edit_first_measure(admin_client, chapter, year_from=2026, year_to=2031)

    assert response.status_code == 200
    messages = error_messages(response.context["form"], "priorities")
    assert "Rok 2031 je mimo období plánu 2026–2029." in messages
    assert "Časový rámec některých opatření je mimo období plánu." in messages
    assert Revision.objects.count() == revisions


def test_measure_that_ends_before_it_starts_is_refused(admin_client, chapter):
    revisions = Revision.objects.count()

    response = edit_first_measure(admin_client, chapter, year_from=2028, year_to=2027)

    messages = error_messages(response.context["form"], "priorities")
    assert "Opatření nemůže skončit (2027) dříve, než začne (2028)." in messages
    assert Revision.objects.count() == revisions


def test_measure_inside_the_plan_period_is_saved_as_a_draft(admin_client, chapter):
    response = edit_first_measure(admin_client, chapter, year_from=2028, year_to=2029)

    assert response.status_code == 302
    chapter = PlanChapterPage.objects.get(pk=chapter.pk)
    draft = chapter.get_latest_revision_as_object()
    measure = draft.priorities[0].value["goals"][0]["measures"][0]
    assert (measure["year_from"], measure["year_to"]) == (2028, 2029)
    # Saving a draft never changes the live page.
    assert chapter.priorities[0].value["goals"][0]["measures"][0]["year_to"] == 2027


def test_chapter_number_must_be_unique_within_the_plan(admin_client, chapter, plan):
    url = add_url(PlanChapterPage, plan)
    data = page_form_data(
        admin_client,
        url,
        PlanChapterPage(),
        title="Rodina",
        slug="rodina",
        number="1",
        working_group=str(chapter.working_group_id),
    )
    response = admin_client.post(url, data)

    assert response.context["form"].errors["number"] == [
        "Číslo 1 už má v tomto plánu kapitola „Senioři“."
    ]
    assert PlanChapterPage.objects.count() == 1


def test_chapter_cannot_be_published_without_a_responsible_working_group(admin_client, plan):
    """Wagtail lets an incomplete draft be saved; publishing (or submitting) needs every field."""
    url = add_url(PlanChapterPage, plan)
    data = page_form_data(
        admin_client,
        url,
        PlanChapterPage(),
        title="Rodina",
        slug="rodina",
        number="2",
        working_group="",
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})

    assert "working_group" in response.context["form"].errors
    assert not PlanChapterPage.objects.exists()


# --- Services ----------------------------------------------------------------------------------


@pytest.fixture
def service_index(home):
    return factories.ServiceIndexPageFactory(parent=home)


def service_data(client, url, organisation, **changes):
    forms = [
        str(pk)
        for pk in FormOfProvision.objects.filter(slug="terenni").values_list("pk", flat=True)
    ]
    kind = ServiceKind.objects.get(paragraph="40")
    values = {
        "title": "Pečovatelská služba Test",
        "slug": "pecovatelska-sluzba-test",
        "provider": str(organisation.pk),
        "service_type": "registered",
        "kind": str(kind.pk),
        "registry_id": "1234567",
        "forms_of_provision": forms,
        "target_groups": [str(TargetGroup.objects.get(slug="seniori").pk)],
        "description": '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, "text": "Popis", '
        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
    }
    values.update(changes)
    return page_form_data(client, url, ServicePage(), **values)


def test_service_is_created_with_valid_data(admin_client, service_index, organisation):
    url = add_url(ServicePage, service_index)
    response = admin_client.post(url, service_data(admin_client, url, organisation))

    assert response.status_code == 302
    service = ServicePage.objects.get()
    assert service.registry_id == "1234567"
    assert [f.slug for f in service.forms_of_provision.all()] == ["terenni"]


def test_service_without_a_form_of_provision_is_refused(admin_client, service_index, organisation):
    url = add_url(ServicePage, service_index)
    data = service_data(admin_client, url, organisation)
    data.pop("forms_of_provision")
    response = admin_client.post(url, data)

    assert response.context["form"].errors["forms_of_provision"] == [
        "Zvolte alespoň jednu formu poskytování (ambulantní, terénní nebo pobytová)."
    ]
    assert not ServicePage.objects.exists()


def test_duplicate_registry_identifier_is_refused(admin_client, service_index, organisation):
    factories.ServicePageFactory(
        parent=service_index,
        title="Starší služba",
        service_type="registered",
        kind=ServiceKind.objects.get(paragraph="39"),
        related_category="",
        registry_id="1234567",
    )
    url = add_url(ServicePage, service_index)
    response = admin_client.post(url, service_data(admin_client, url, organisation))

    assert response.context["form"].errors["registry_id"] == [
        "Identifikátor 1234567 už má služba „Starší služba“."
    ]
    assert ServicePage.objects.count() == 1


def test_registry_identifier_must_have_seven_digits(admin_client, service_index, organisation):
    url = add_url(ServicePage, service_index)
    response = admin_client.post(
        url, service_data(admin_client, url, organisation, registry_id="12345")
    )

    assert response.context["form"].errors["registry_id"] == [
        "Identifikátor služby z registru má přesně 7 číslic."
    ]
    assert not ServicePage.objects.exists()


def test_registered_service_needs_a_kind(admin_client, service_index, organisation):
    url = add_url(ServicePage, service_index)
    response = admin_client.post(url, service_data(admin_client, url, organisation, kind=""))

    assert response.context["form"].errors["kind"] == [
        "U registrované sociální služby vyberte druh služby."
    ]
    assert not ServicePage.objects.exists()


def test_related_service_needs_a_category_and_no_registry_identifier(
    admin_client, service_index, organisation
):
    url = add_url(ServicePage, service_index)
    data = service_data(admin_client, url, organisation, service_type="related", kind="")
    response = admin_client.post(url, data)

    errors = response.context["form"].errors
    assert errors["related_category"] == ["U související služby vyplňte její kategorii."]
    assert errors["registry_id"] == ["Identifikátor z registru má jen registrovaná služba."]
    assert not ServicePage.objects.exists()


# --- Members (GDPR) ------------------------------------------------------------------------------


def test_user_representative_shown_by_name_needs_a_consent_date(admin_client, working_group):
    url = reverse("wagtailsnippets_kpss_pages_workinggroupmember:add")
    data = {
        "working_group": str(working_group.pk),
        "name": "Marie Nováková",
        "triad_role": "uzivatel",
        "public_display": "name",
        "consent_date": "",
        "sort_order": "0",
    }
    response = admin_client.post(url, data)

    assert "výslovným souhlasem" in response.context["form"].errors["consent_date"][0]
    assert not WorkingGroupMember.objects.exists()

    response = admin_client.post(url, {**data, "consent_date": "2026-01-15"})
    assert response.status_code == 302
    assert WorkingGroupMember.objects.get().consent_date.isoformat() == "2026-01-15"
