"""The route in the words of the people on it: the editor's buttons, the confirmation after each
workflow action (what happened and who is next), and a returned draft's notice in the editor."""

import html
import json
import re

from django.urls import reverse
from django.utils.html import strip_tags

from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

import pytest

from kpss_pages import factories
from kpss_pages.models import FormOfProvision, PlanChapterPage, ServicePage, TargetGroup
from tests.admin_forms import page_form_data
from tests.route import (
    add_url,
    approve,
    approve_with_resolution,
    edit_url,
    post_edit,
    return_for_changes,
    submit,
)
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Messages of earlier requests count as shown: each POST confirms only its own action."""
    original_post = client.post

    def post(*args, **kwargs):
        client.cookies.pop("messages", None)
        return original_post(*args, **kwargs)

    client.post = post
    return client


@pytest.fixture
def people(chapter, make_user):
    return {
        "author": make_user("manazerka", "Pracovní skupina – Senioři"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
    }


def speaks_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def as_text(markup):
    return " ".join(html.unescape(strip_tags(markup)).split())


def shown_messages(page_html):
    """The admin's messages on a page as the reader sees them, less their buttons (links)."""
    box = re.search(r'<div class="messages".*?</ul>', page_html, re.S).group(0)
    items = re.findall(r"<li[^>]*>(.*?)</li>", box, re.S)
    return [as_text(re.sub(r'<span class="buttons">.*?</span>', "", i, flags=re.S)) for i in items]


def confirmations(client, response):
    """What the person reads after acting: on the page answered, or on the next admin page they
    open after a redirect or the modal's answer (the dashboard, open to every role)."""
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        return shown_messages(response.content.decode())
    return shown_messages(client.get(reverse("wagtailadmin_home")).content.decode())


def submit_label(client, chapter):
    html = client.get(edit_url(chapter)).content.decode()
    match = re.search(r'name="action-submit" value="([^"]*)"', html)
    return match and match.group(1)


def test_the_author_submits_for_approval_and_resubmits_for_review(client, chapter, people):
    client.force_login(people["author"])
    assert submit_label(client, chapter) == "Odeslat ke schválení"

    submit(client, chapter, title="Senioři – návrh")
    client.force_login(people["mt"])
    return_for_changes(client, chapter, "Doplňte náklady.")

    client.force_login(people["author"])
    assert submit_label(client, chapter) == "Odeslat znovu k posouzení"


def test_the_english_admin_names_the_same_actions(client, chapter, people):
    speaks_english(people["author"])
    client.force_login(people["author"])
    assert submit_label(client, chapter) == "Submit for approval"

    submit(client, chapter, title="Senioři – návrh")
    client.force_login(people["mt"])
    return_for_changes(client, chapter, "Doplňte náklady.")

    client.force_login(people["author"])
    assert submit_label(client, chapter) == "Resubmit for review"


def test_each_step_of_the_route_confirms_what_happened_and_who_is_next(client, chapter, people):
    client.force_login(people["author"])
    response = submit(client, chapter, title="Senioři – návrh")
    assert confirmations(client, response) == [
        "Stránka „Senioři – návrh“ byla odeslána ke schválení. Nyní je na řadě Manažerský tým."
    ]

    client.force_login(people["mt"])
    response = return_for_changes(client, chapter, "Doplňte náklady.")
    assert confirmations(client, response) == [
        "Stránka „Senioři – návrh“ byla vrácena k přepracování. Nyní je na řadě Manazerka: "
        "upraví ji a odešle znovu k posouzení."
    ]

    client.force_login(people["author"])
    response = submit(client, chapter, title="Senioři – návrh s náklady")
    assert confirmations(client, response) == [
        "Stránka „Senioři – návrh s náklady“ byla znovu odeslána k posouzení. "
        "Nyní je na řadě Manažerský tým."
    ]

    client.force_login(people["mt"])
    response = approve(client, chapter, modal=True)
    assert json.loads(response.content)["step"] == "success"
    assert confirmations(client, response) == [
        "Stránka „Senioři – návrh s náklady“ byla schválena v kroku „Posouzení manažerským "
        "týmem“. Nyní je na řadě Nadoborová skupina."
    ]

    client.force_login(people["ns"])
    response = approve_with_resolution(client, chapter, "NS/2027/04", "2026-03-12", modal=True)
    assert confirmations(client, response) == [
        "Stránka „Senioři – návrh s náklady“ byla schválena usnesením č. NS/2027/04 a zveřejněna."
    ]
    assert PlanChapterPage.objects.get(pk=chapter.pk).title == "Senioři – návrh s náklady"


def test_an_approval_in_the_editor_is_confirmed_like_one_on_the_dashboard(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři – návrh")

    client.force_login(people["mt"])
    response = post_edit(
        client,
        chapter,
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert confirmations(client, response) == [
        "Stránka „Senioři – návrh“ byla schválena v kroku „Posouzení manažerským týmem“. "
        "Nyní je na řadě Nadoborová skupina."
    ]


def test_a_refused_action_confirms_nothing(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři – návrh")
    client.force_login(people["mt"])

    response = return_for_changes(client, chapter, " ", modal=True)

    assert json.loads(response.content)["step"] == "action"
    assert confirmations(client, response) == []


def test_cancelling_the_route_says_the_draft_stays_with_its_author(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři – návrh")

    response = post_edit(client, chapter, **{"action-cancel-workflow": "true"})

    assert confirmations(client, response) == [
        "Schvalování stránky „Senioři – návrh“ bylo zrušeno. Koncept zůstává neschválený; "
        "až bude připraven, odešlete jej ke schválení."
    ]


def test_restarting_the_route_says_it_starts_again_at_the_first_step(client, chapter, people):
    """After a return the author may resume at the returning step or restart the route."""
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři – návrh")
    client.force_login(people["mt"])
    approve(client, chapter)
    client.force_login(people["ns"])
    return_for_changes(client, chapter, "Doplňte náklady.")

    client.force_login(people["author"])
    response = post_edit(client, chapter, **{"action-restart-workflow": "true"})

    assert confirmations(client, response) == [
        "Schvalování stránky „Senioři – návrh“ bylo zahájeno znovu od prvního kroku. "
        "Nyní je na řadě Manažerský tým."
    ]
    assert chapter.current_workflow_task_state.task.name == "Posouzení manažerským týmem"


def test_a_page_created_and_submitted_says_who_reviews_it(client, home, people):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    client.force_login(people["mt"])
    url = add_url(ServicePage, catalogue)
    data = page_form_data(
        client,
        url,
        ServicePage(),
        title="Nová služba",
        slug="nova-sluzba",
        provider=str(factories.OrganisationFactory().pk),
        service_type="related",
        related_category="dobrovolnictví",
        forms_of_provision=[str(f.pk) for f in FormOfProvision.objects.filter(slug="terenni")],
        target_groups=[str(g.pk) for g in TargetGroup.objects.filter(slug="seniori")],
        description=rich_text("<p>Popis služby.</p>"),
        **{"action-submit": "action-submit"},
    )

    response = client.post(url, data)

    assert confirmations(client, response) == [
        "Stránka „Nová služba“ byla vytvořena a odeslána ke schválení. "
        "Nyní je na řadě Manažerský tým."
    ]


def test_the_english_admin_confirms_in_english(client, chapter, people):
    speaks_english(people["author"])
    client.force_login(people["author"])

    response = submit(client, chapter, title="Senioři – návrh")

    assert confirmations(client, response) == [
        "Page “Senioři – návrh” has been submitted for approval. Next: Manažerský tým."
    ]


# --- A returned draft tells its editor why -------------------------------------------------------


def returned_notice(client, chapter):
    shown = shown_messages(client.get(edit_url(chapter)).content.decode())
    notices = [text for text in shown if text.startswith("Vráceno k přepracování")]
    assert len(notices) <= 1, notices
    return notices[0] if notices else None


def test_a_returned_draft_shows_who_returned_it_and_why_until_it_is_resubmitted(
    client, chapter, people
):
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři – návrh")
    assert returned_notice(client, chapter) is None, "nothing was returned yet"

    client.force_login(people["mt"])
    return_for_changes(client, chapter, "Doplňte náklady u opatření 1.1.2.")

    client.force_login(people["author"])
    notice = returned_notice(client, chapter)
    assert notice is not None
    assert "Mt (Posouzení manažerským týmem)" in notice
    assert "„Doplňte náklady u opatření 1.1.2.“" in notice
    assert "Po úpravách stránku odešlete znovu k posouzení." in notice

    post_edit(client, chapter, title="Senioři – s náklady")  # saving a draft keeps the notice
    assert returned_notice(client, chapter) is not None

    submit(client, chapter, title="Senioři – s náklady")
    assert returned_notice(client, chapter) is None


def test_the_return_comment_is_shown_as_text(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři – návrh")
    client.force_login(people["mt"])
    return_for_changes(client, chapter, '<script>alert("x")</script> Doplňte.')

    client.force_login(people["author"])
    page = client.get(edit_url(chapter)).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Doplňte." in page
