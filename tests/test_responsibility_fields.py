"""Who answers for a service (its provider) or a chapter (its working group) is the management
team's decision: providers and working groups see these fields read-only, and a value they post
anyway is not saved. The management team and administrators change them."""

import re

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import rich_text

import pytest

from kpss_pages import factories
from kpss_pages.models import FormOfProvision, PlanChapterPage, ServicePage, TargetGroup
from tests.admin_forms import page_form_data
from tests.route import add_url, edit_url, post_edit
from workflows.roles import MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(home, organisation):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    own = factories.ServicePageFactory(parent=catalogue, provider=organisation)
    other = factories.ServicePageFactory(parent=catalogue)
    return {"catalogue": catalogue, "own": own, "other": other}


@pytest.fixture
def other_group(working_group):
    return factories.WorkingGroupPageFactory(parent=working_group.get_parent(), title="Rodina")


@pytest.fixture
def people(make_user, services, chapter):
    return {
        "provider": make_user("poskytovatel", "Poskytovatel – Charita Test"),
        "manager": make_user("manazerka", "Pracovní skupina – Senioři"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "admin": make_user("spravce", superuser=True),
    }


def draft(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def read_only_value(html, label):
    """The text Wagtail shows in place of a field the user may not change, or None."""
    match = re.search(
        rf">\s*{label}\s*<.*?<div class=\"w-field__textoutput\"[^>]*>\s*(.*?)\s*</div>",
        html,
        re.S,
    )
    return match and match.group(1)


@pytest.mark.parametrize("action", [{}, {"action-submit": "action-submit"}])
def test_a_provider_sees_its_services_provider_read_only_and_cannot_hand_it_over(
    client, services, people, action
):
    own, other = services["own"], services["other"]
    client.force_login(people["provider"])

    html = client.get(edit_url(own)).content.decode()
    assert 'name="provider"' not in html
    assert read_only_value(html, "Poskytovatel") == "Charita Test"

    response = post_edit(client, own, provider=str(other.provider_id), title="Nový název", **action)

    assert response.status_code == 302
    assert draft(own).title == "Nový název", "the rest of the edit is saved"
    assert draft(own).provider_id == own.provider_id
    assert ServicePage.objects.get(pk=own.pk).provider_id == own.provider_id


@pytest.mark.parametrize("role", ["mt", "admin"])
def test_the_management_team_and_administrators_change_a_services_provider(
    client, services, people, role
):
    own, other = services["own"], services["other"]
    client.force_login(people[role])
    assert 'name="provider"' in client.get(edit_url(own)).content.decode()

    assert post_edit(client, own, provider=str(other.provider_id)).status_code == 302

    assert draft(own).provider_id == other.provider_id


@pytest.mark.parametrize("action", [{}, {"action-submit": "action-submit"}])
def test_a_working_group_sees_its_chapters_group_read_only_and_cannot_name_another(
    client, chapter, other_group, people, action
):
    client.force_login(people["manager"])

    html = client.get(edit_url(chapter)).content.decode()
    assert 'name="working_group"' not in html
    assert read_only_value(html, "Odpovědná pracovní skupina") == "Senioři"

    response = post_edit(
        client, chapter, working_group=str(other_group.pk), title="Senioři 2027", **action
    )

    assert response.status_code == 302
    assert draft(chapter).title == "Senioři 2027"
    assert draft(chapter).working_group_id == chapter.working_group_id
    assert PlanChapterPage.objects.get(pk=chapter.pk).working_group_id == chapter.working_group_id


@pytest.mark.parametrize("role", ["mt", "admin"])
def test_the_management_team_and_administrators_assign_a_chapter_to_another_group(
    client, chapter, other_group, people, role
):
    client.force_login(people[role])
    assert 'name="working_group"' in client.get(edit_url(chapter)).content.decode()

    assert post_edit(client, chapter, working_group=str(other_group.pk)).status_code == 302

    assert draft(chapter).working_group_id == other_group.pk


def new_service(client, catalogue, provider):
    """Fill the add form as its user sees it, posting `provider` for the provider field."""
    url = add_url(ServicePage, catalogue)
    data = page_form_data(
        client,
        url,
        ServicePage(),
        title="Nová služba",
        slug="nova-sluzba",
        provider=str(provider.pk),
        service_type="related",
        related_category="dobrovolnictví",
        forms_of_provision=[str(f.pk) for f in FormOfProvision.objects.filter(slug="terenni")],
        target_groups=[str(g.pk) for g in TargetGroup.objects.filter(slug="seniori")],
        description=rich_text("<p>Popis služby.</p>"),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    return ServicePage.objects.get(slug="nova-sluzba")


def test_a_provider_allowed_to_add_services_creates_them_for_its_own_organisation(
    client, services, people, organisation
):
    """Providers add no services by default; where a municipality lets them, the new service is
    their own organisation's whatever is posted."""
    catalogue, other = services["catalogue"], services["other"]
    GroupPagePermission.objects.create(
        group=people["provider"].groups.get(),
        page=catalogue,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    client.force_login(people["provider"])

    html = client.get(add_url(ServicePage, catalogue)).content.decode()
    assert 'name="provider"' not in html
    assert read_only_value(html, "Poskytovatel") == "Charita Test"

    assert new_service(client, catalogue, provider=other.provider).provider == organisation


def test_the_management_team_creates_a_service_for_any_provider(client, services, people):
    catalogue, other = services["catalogue"], services["other"]
    client.force_login(people["mt"])

    assert new_service(client, catalogue, provider=other.provider).provider == other.provider


def test_a_service_is_not_created_for_an_organisation_the_creator_cannot_be_told_apart(
    client, services, people
):
    """Someone in two providers' roles may not pick one on the form either: refused in Czech."""
    catalogue, other = services["catalogue"], services["other"]
    provider = people["provider"]
    provider.groups.add(Group.objects.get(managed__organisation=other.provider))
    GroupPagePermission.objects.create(
        group=provider.groups.first(),
        page=catalogue,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    client.force_login(provider)
    url = add_url(ServicePage, catalogue)

    response = client.post(url, {"title": "Nová služba", "slug": "nova-sluzba"}, follow=True)

    assert (
        "Službu může založit jen manažerský tým nebo člen právě jednoho poskytovatele."
        in response.content.decode()
    )
    assert not ServicePage.objects.filter(slug="nova-sluzba").exists()
