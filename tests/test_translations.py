"""Translations with wagtail-localize follow their source's approval route, show when they are
out of date, and are requested only by those who may edit the source (workflows/translations/).
Everything goes through the admin's HTTP views; the strings are translated by PO file upload,
the translation editor's own import."""

import json

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import GroupPagePermission, Locale, Page, WorkflowState
from wagtail_localize.models import Translation

import polib
import pytest

from kpss_pages import factories
from kpss_pages.models import PlanChapterPage, ServicePage, TargetGroup
from tests.route import approve, approve_with_resolution, edit_url, publish, return_for_changes
from workflows.models import ApprovalRecord
from workflows.roles import MANAGEMENT_TEAM, PLAN_WORKFLOW, STEERING_GROUP

pytestmark = pytest.mark.django_db

SUBMIT = {"kpss-submit-translation": "1"}


@pytest.fixture
def people(chapter, make_user):
    return {
        "author": make_user("manazerka", "Pracovní skupina – Senioři"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
        "auditor": make_user("auditor", "Auditor"),
        "admin": make_user("spravce", superuser=True),
    }


def english():
    return Locale.objects.get(language_code="en")


def request_translation(client, page, locale_ids=None):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": locale_ids or [english().pk]},
    )


def translation_of(instance):
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=english()
    )


def translate_strings(client, instance, prefix="EN "):
    """Download the PO file of the translation, fill every string and upload it back."""
    translation = translation_of(instance)
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = prefix + entry.msgid
    upload = SimpleUploadedFile("preklad.po", str(po).encode(), "text/x-gettext-translation")
    client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    return translation


def english_of(page):
    return Page.objects.get(translation_key=page.translation_key, locale=english()).specific


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def english_chapter(client, chapter, people):
    """Home and plan translated by the management team, the chapter by its working group."""
    home, plan = chapter.get_ancestors()[1:]
    client.force_login(people["mt"])
    assert request_translation(client, home).status_code == 302
    assert request_translation(client, plan).status_code == 302
    client.force_login(people["author"])
    response = request_translation(client, chapter)
    assert response.status_code == 302, response.content.decode()
    return english_of(chapter)


def test_a_translation_of_a_live_page_starts_as_a_draft_with_its_sources_people_and_route(
    chapter, english_chapter, people
):
    assert chapter.live
    assert not english_chapter.live, "translating never publishes (sync of live status is off)"
    assert english_chapter.get_workflow().name == PLAN_WORKFLOW
    for page in (chapter, english_chapter):
        groups = set(
            GroupPagePermission.objects.filter(page=page).values_list("group__name", flat=True)
        )
        assert "Pracovní skupina – Senioři" in groups
    english_home = english_of(chapter.get_ancestors()[1])
    assert GroupPagePermission.objects.filter(
        page=english_home, group__name=MANAGEMENT_TEAM, permission__codename="change_page"
    ).exists(), "the management team edits every English page, as it does the Czech ones"


def test_an_english_chapter_is_published_only_through_the_mt_and_ns_route(
    client, chapter, english_chapter, people, django_capture_on_commit_callbacks
):
    client.force_login(people["author"])
    translate_strings(client, chapter)

    for role in ("author", "mt"):
        client.force_login(people[role])
        response = client.post(edit_url(english_chapter), {"action": "publish"})
        assert response.status_code == 403, role
        assert "Překlad nemůžete zveřejnit přímo" in response.content.decode()
        assert not english_of(chapter).live, role

    client.force_login(people["author"])
    html = client.get(edit_url(english_chapter)).content.decode()
    assert "Odeslat ke schválení" in html
    assert "Schválení komunitního plánu" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(english_chapter), SUBMIT)
    assert (
        "Překlad „EN Senioři“ byl odeslán ke schválení. Nyní je na řadě Manažerský tým."
        in messages_of(response)
    )
    page = english_of(chapter)
    assert not page.live and page.title == "Senioři", "the draft is a revision, not the page"
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    assert state.current_task_state.task.name == "Posouzení manažerským týmem"

    client.force_login(people["mt"])
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, page, "Překlad v pořádku.")
    assert not english_of(chapter).live, "MT approval alone does not publish"
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Schválení nadoborovou skupinou"

    client.force_login(people["ns"])
    with django_capture_on_commit_callbacks(execute=True):
        response = approve_with_resolution(client, page, "NS/2026/09", "2026-11-12", modal=True)
    assert json.loads(response.content)["step"] == "success", response.content.decode()
    page = english_of(chapter)
    assert page.live and page.title == "EN Senioři"
    assert PlanChapterPage.objects.get(pk=chapter.pk).title == "Senioři"
    records = ApprovalRecord.objects.filter(revision=page.live_revision)
    assert [record.approved_by for record in records] == [people["mt"], people["ns"]]


def test_a_returned_translation_shows_why_and_is_resubmitted_where_it_was_returned(
    client, chapter, english_chapter, people
):
    client.force_login(people["author"])
    translate_strings(client, chapter)
    client.post(edit_url(english_chapter), SUBMIT)
    state = WorkflowState.objects.get(object_id=str(english_chapter.pk))
    client.force_login(people["mt"])
    return_for_changes(client, english_chapter, "Sjednoťte názvy služeb.")

    client.force_login(people["author"])
    html = client.get(edit_url(english_chapter)).content.decode()
    assert "Vráceno k přepracování: Mt (Posouzení manažerským týmem)" in html
    assert "„Sjednoťte názvy služeb.“" in html
    assert "Odeslat znovu k posouzení" in html
    assert "čeká na schválení" not in html

    response = client.post(edit_url(english_chapter), SUBMIT)
    assert messages_of(response)[-1] == (
        "Překlad „EN Senioři“ byl znovu odeslán k posouzení. Nyní je na řadě Manažerský tým."
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Posouzení manažerským týmem"
    assert WorkflowState.objects.filter(object_id=str(english_chapter.pk)).count() == 1
    html = client.get(edit_url(english_chapter)).content.decode()
    assert "Vráceno k přepracování" not in html


def test_submitting_a_live_translation_leaves_the_public_version_untouched(
    client, chapter, english_chapter, people, django_capture_on_commit_callbacks
):
    client.force_login(people["admin"])
    translate_strings(client, chapter, prefix="EN ")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(english_chapter), {"action": "publish"})
    assert english_of(chapter).live, "an administrator may publish directly (control)"

    client.force_login(people["author"])
    translate_strings(client, chapter, prefix="EN2 ")
    client.post(edit_url(english_chapter), SUBMIT)
    page = english_of(chapter)
    assert page.title == "EN Senioři", "the live row keeps the approved translation"
    assert page.get_latest_revision().as_object().title == "EN2 Senioři"
    assert page.workflow_in_progress


def test_an_incomplete_translation_is_not_submitted(client, chapter, english_chapter, people):
    client.force_login(people["author"])
    response = client.post(edit_url(english_chapter), SUBMIT)
    assert any("Překlad není úplný" in message for message in messages_of(response))
    assert not WorkflowState.objects.filter(object_id=str(english_chapter.pk)).exists()


def test_sync_and_alias_cannot_publish_a_translation_for_non_administrators(
    client, chapter, english_chapter, people
):
    client.force_login(people["author"])
    translate_strings(client, chapter)
    source = translation_of(chapter).source
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 403
    assert "Překlady nemůžete zveřejnit přímo" in response.content.decode()
    assert not english_of(chapter).live

    response = client.post(
        reverse("wagtail_localize:convert_to_alias", args=[english_chapter.pk]), {}
    )
    assert response.status_code == 403
    assert "Převést překlad na alias mohou jen správci webu" in response.content.decode()
    assert english_of(chapter).alias_of_id is None

    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302, "syncing without publishing is allowed"
    assert not english_of(chapter).live


def test_a_bad_po_file_gets_a_czech_message_and_changes_nothing(
    client, chapter, english_chapter, people
):
    client.force_login(people["author"])
    translation = translation_of(chapter)
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    edit = edit_url(english_chapter)
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = "EN " + entry.msgid
    without_id = polib.pofile(str(po))
    del without_id.metadata["X-WagtailLocalize-TranslationID"]
    other = polib.pofile(str(po))
    other.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"

    def upload(content):
        return {"file": SimpleUploadedFile("preklad.po", content), "next": edit}

    cases = [
        ({"next": edit}, "Vyberte soubor PO s překladem."),
        (upload(b"MZ\x90\x00\xff\xfe binary"), "Soubor není platný soubor PO"),
        (upload(str(without_id).encode()), "Soubor PO nepatří k tomuto překladu"),
        (upload(str(other).encode()), "Soubor PO nepatří k tomuto překladu"),
        (upload(b"#" * (5 * 1024 * 1024 + 1)), "Soubor PO je příliš velký"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 302 and response.url == edit
        assert any(message in text for text in messages_of(response)), messages_of(response)
    assert client.get(url).status_code == 405

    client.force_login(people["auditor"])  # reads everything, edits no translation
    response = client.post(url, upload(str(po).encode()))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not translation.source.stringsegment_set.filter(
        string__translations__locale=english()
    ).exists(), "nothing was imported"

    client.force_login(people["author"])
    response = client.post(url, upload(str(po).encode()))
    assert "Successfully imported" in " ".join(messages_of(response)) or any(
        "Úspěšně" in text for text in messages_of(response)
    ), messages_of(response)
    assert translation.source.stringsegment_set.filter(
        string__translations__locale=english()
    ).exists()


def test_translation_requests_are_refused_with_a_clear_message(client, chapter, people):
    plan = chapter.get_parent()
    client.force_login(people["author"])

    response = request_translation(client, plan)
    assert response.status_code == 403
    assert "nemůžete upravovat, a proto ani zadat její překlad" in response.content.decode()

    response = request_translation(client, chapter)
    assert response.status_code == 403
    assert "ještě není přeložena do jazyka" in response.content.decode()

    client.force_login(people["mt"])
    german = Locale.objects.create(language_code="de")
    for locale_id in (german.pk, 999_999):
        response = request_translation(client, plan, [locale_id])
        assert response.status_code == 200
        assert "není na webu nastaven" in response.content.decode()
    response = client.get(
        reverse("wagtail_localize:submit_page_translation", args=[plan.pk]), {"select_locale": "de"}
    )
    assert "Jazyk „de“ není na webu nastaven" in response.content.decode()

    client.force_login(people["auditor"])
    response = request_translation(client, plan)
    assert response.status_code == 403
    assert "Nemáte oprávnění zadávat překlady" in response.content.decode()
    assert not Page.objects.filter(locale__language_code__in=["en", "de"]).exists()


def test_source_changes_mark_the_translation_out_of_date_until_it_is_synced(
    client, chapter, english_chapter, people
):
    report = reverse("kpss_out_of_date_translations")
    client.force_login(people["author"])
    assert "Všechny překlady odpovídají" in client.get(report).content.decode()

    chapter = PlanChapterPage.objects.get(pk=chapter.pk)
    chapter.title = "Senioři a pečující"
    publish(chapter)

    html = client.get(report).content.decode()
    assert "Senioři a pečující" in html and "Synchronizovat" in html
    html = client.get(edit_url(english_chapter)).content.decode()
    assert "překlad je zastaralý" in html

    source = translation_of(chapter).source
    client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert "Všechny překlady odpovídají" in client.get(report).content.decode()
    html = client.get(edit_url(english_chapter)).content.decode()
    assert "překlad je zastaralý" not in html
    translation = translation_of(chapter)
    total, done = translation.get_progress()
    assert done < total, "the new source text waits for its translation"

    client.force_login(people["ns"])
    assert client.get(report).status_code in (302, 403), "not a translator"


def test_reference_data_is_translated_and_marked_out_of_date_after_a_source_edit(client, people):
    seniors = TargetGroup.objects.get(slug="seniori", locale__language_code="cs")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["kpss_pages", "targetgroup", seniors.pk],
    )
    client.force_login(people["mt"])
    response = client.post(submit, {"locales": [english().pk]})
    assert response.status_code == 403, "the management team may not edit code lists"

    client.force_login(people["admin"])
    assert client.post(submit, {"locales": [english().pk]}).status_code == 302
    english_row = TargetGroup.objects.get(translation_key=seniors.translation_key, locale=english())

    edit = reverse("wagtailsnippets_kpss_pages_targetgroup:edit", args=[seniors.pk])
    response = client.post(edit, {"name": "Senioři 65+", "slug": "seniori", "sort_order": "0"})
    assert response.status_code == 302
    report = client.get(reverse("kpss_out_of_date_translations")).content.decode()
    assert "Senioři 65+" in report

    source = translation_of(seniors).source
    client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    report = client.get(reverse("kpss_out_of_date_translations")).content.decode()
    assert "Všechny překlady odpovídají" in report
    assert TargetGroup.objects.filter(pk=english_row.pk).exists()


def test_machine_translation_is_off_unless_configured(client, chapter, english_chapter, people):
    client.force_login(people["author"])
    translation = translation_of(chapter)
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]), {})
    assert response.status_code == 404


def test_english_catalogue_shows_and_filters_by_translated_code_lists(client, home):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    service = factories.ServicePageFactory(parent=catalogue, title="Pečovatelská služba")
    publish(service)
    seniors = TargetGroup.objects.get(slug="seniori", locale__language_code="cs")
    older_people = seniors.copy_for_translation(english())  # unsaved
    older_people.name, older_people.slug = "Older people", "older-people"
    older_people.save()
    for page in (home, catalogue, service):
        translated = page.copy_for_translation(english())
        publish(translated)
    english_service = ServicePage.objects.get(locale=english())
    assert [group.pk for group in english_service.target_groups.all()] == [seniors.pk]

    html = client.get("/en/katalog-sluzeb/", {"skupina": "older-people"}).content.decode()
    assert "Pečovatelská služba" in html and "Older people" in html
    assert "senioři" not in html.lower()
    html = client.get(english_service.url).content.decode()
    assert "?skupina=older-people" in html and "Older people" in html
    html = client.get("/katalog-sluzeb/", {"skupina": "seniori"}).content.decode()
    assert "Pečovatelská služba" in html and seniors.name in html


def test_public_search_in_english_searches_english_pages(client, home):
    czech = factories.StandardPageFactory(
        parent=home, title="Dobrovolnictví v regionu", slug="dobrovolnictvi"
    )
    publish(czech)
    english_home = home.copy_for_translation(english())
    publish(english_home)
    translated = czech.copy_for_translation(english())
    translated.title = "Volunteering in the region"
    publish(translated)

    html = client.get("/en/hledat/", {"q": "volunteering"}).content.decode()
    assert "<mark>Volunteering</mark> in the region" in html
    assert (
        "Dobrovolnictví v regionu"
        not in client.get("/en/hledat/", {"q": "dobrovolnictvi"}).content.decode()
    )
    html = client.get("/hledat/", {"q": "volunteering"}).content.decode()
    assert "in the region" not in html
    html = client.get("/hledat/", {"q": "dobrovolnictvi"}).content.decode()
    assert "<mark>Dobrovolnictví</mark> v regionu" in html


def test_an_english_chapter_links_its_working_groups_english_page_once_live(
    client, chapter, working_group
):
    def publish_tree(locale):
        for page in Page.objects.filter(locale=locale, alias_of=None).order_by("path"):
            publish(page.specific)

    english_chapter = chapter.copy_for_translation(english(), copy_parents=True)
    english_chapter.title = "Seniors"
    publish(english_chapter)
    publish_tree(english())
    url = PlanChapterPage.objects.get(pk=english_chapter.pk).url
    assert f'<a href="{working_group.url}">Senioři</a>' in client.get(url).content.decode()

    english_group = working_group.copy_for_translation(english(), copy_parents=True)
    english_group.title = "Older people"
    publish(english_group)
    publish_tree(english())
    html = client.get(url).content.decode()
    assert f'<a href="{Page.objects.get(pk=english_group.pk).url}">Older people</a>' in html


def test_only_translators_reach_wagtail_localizes_translation_report(client, people):
    report = reverse("wagtail_localize:translations_report")
    client.force_login(people["auditor"])
    assert client.get(report).status_code in (302, 403), "refused on the server"
    assert report not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people["mt"])
    assert client.get(report).status_code == 200
