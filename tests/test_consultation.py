"""Public consultation (issue 22): the frozen draft, the public comment form with its
confirmation link, the management team's entry of comments received otherwise, and who sees
which comments in the admin."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from consultation.factories import ConsultationPageFactory
from consultation.models import Comment, ConsultationPage
from kpss_pages.models import PlanChapterPage
from tests.admin_forms import page_form_data
from tests.route import add_url, edit_url, publish, signed_in
from workflows.roles import AUDITOR, MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mail_after_each_request(monkeypatch, django_capture_on_commit_callbacks):
    """Each request's mail goes out when its transaction would commit (the test's own
    transaction never does), as on a real server."""
    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def consultation(chapter):
    """Open since two days ago; the draft frozen with the chapter as published."""
    page = ConsultationPageFactory(parent=chapter.get_parent(), title="Připomínkování 2026")
    return publish(page)


@pytest.fixture
def group_manager(make_user, chapter):
    from workflows import roles

    roles.sync_working_group(chapter.working_group)
    return make_user("manazerka", "Pracovní skupina – Senioři")


def measure_key(chapter, code="1.1.1"):
    return f"{chapter.pk}:{code}"


def form_data(chapter, **changes):
    data = {
        "target": measure_key(chapter),
        "name": "Marie Svobodová",
        "email": "marie@example.cz",
        "organisation": "",
        "role": "uzivatel",
        "publish_name": "on",
        "text": "Terénní služba by měla jezdit i o víkendu.",
        "proposed_wording": "",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def comment_url(consultation):
    return consultation.url + "pripominkovat/"


def confirmation_path(message):
    """The path of the confirmation link in a sent e-mail."""
    return urlsplit(re.search(r"https?://\S+/potvrzeni/\S+/", message.body).group(0)).path


def send_and_confirm(client, consultation, chapter, **changes):
    response = client.post(comment_url(consultation), form_data(chapter, **changes))
    assert response.status_code == 302, response.content.decode()
    return client.post(confirmation_path(mail.outbox[-1]))


# --- The frozen draft -------------------------------------------------------------------------


def test_the_draft_is_shown_as_it_was_frozen_with_anchors_and_comment_links(
    client, consultation, chapter
):
    chapter.title = "Senioři (upraveno po zahájení připomínek)"
    chapter.save_revision()

    html = client.get(consultation.url).content.decode()
    assert "Senioři (upraveno" not in html
    for anchor in ("kapitola-1", "priorita-1", "cil-1-1", "opatreni-1-1-1", "opatreni-1-1-3"):
        assert f'id="{anchor}"' in html
    assert f'pripominkovat/?cast={chapter.pk}:1.1.2"' in html
    assert f'pripominkovat/?cast={chapter.pk}"' in html
    assert "Připomínky přijímáme" in html


def test_the_management_team_prepares_a_consultation_and_its_draft_is_frozen(chapter, make_user):
    client = signed_in(make_user("mt", MANAGEMENT_TEAM))
    plan = chapter.get_parent()
    today = timezone.localdate()
    url = add_url(ConsultationPage, plan)
    data = page_form_data(
        client,
        url,
        ConsultationPage(),
        title="Připomínkování návrhu",
        slug="pripominkovani",
        opens_on=today.strftime("%d.%m.%Y"),
        closes_on=(today + datetime.timedelta(days=14)).strftime("%d.%m.%Y"),
        settling_body="ns",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ConsultationPage.objects.get(slug="pripominkovani")
    revision = page.get_latest_revision().as_object()
    assert revision.frozen["chapters"] == [
        {"chapter": chapter.pk, "revision": chapter.get_latest_revision().pk}
    ]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"closes_on": -1}, "closes_on", "Lhůta nemůže skončit dřív, než začne."),
        ({"extended_to": 10}, "extension_reason", "Uveďte, proč byla lhůta prodloužena."),
        ({"extended_to": 3, "extension_reason": "Projednání"}, "extended_to", "až po původní"),
    ],
)
def test_a_consultations_dates_are_checked_in_czech(chapter, make_user, changes, field, message):
    client = signed_in(make_user("mt", MANAGEMENT_TEAM))
    today = timezone.localdate()
    values = {"opens_on": 0, "closes_on": 14}
    values.update({k: v for k, v in changes.items() if isinstance(v, int)})
    url = add_url(ConsultationPage, chapter.get_parent())
    data = page_form_data(
        client,
        url,
        ConsultationPage(),
        title="Připomínkování",
        slug="pripominkovani",
        settling_body="mt",
        **{
            name: (today + datetime.timedelta(days=days)).strftime("%d.%m.%Y")
            for name, days in values.items()
        },
        **{k: v for k, v in changes.items() if isinstance(v, str)},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not ConsultationPage.objects.exists()


# --- Comments from the public -----------------------------------------------------------------


def test_a_comment_counts_once_its_sender_confirms_it(client, consultation, chapter, group_manager):
    form = client.get(comment_url(consultation) + f"?cast={measure_key(chapter, '1.1.2')}")
    assert form.context["form"]["target"].value() == measure_key(chapter, "1.1.2")

    response = client.post(comment_url(consultation), form_data(chapter))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.number is None, "not counted before it is confirmed"
    assert comment.target_label == "Opatření 1.1.1: Opatření A"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["marie@example.cz"]
    path = confirmation_path(mail.outbox[0])

    asked = client.get(path)
    assert asked.status_code == 200 and "Potvrdit a odeslat připomínku" in asked.content.decode()
    assert Comment.objects.get().number is None, "a GET (a mail scanner) counts nothing"

    confirmed = client.post(path)
    comment.refresh_from_db()
    assert comment.number == 1 and comment.confirmed_at is not None
    assert f"má číslo {comment.reference}" in confirmed.content.decode()
    sent = {tuple(message.to): message for message in mail.outbox[1:]}
    assert comment.reference in sent[("marie@example.cz",)].subject
    assert "Nová připomínka" in sent[(group_manager.email,)].subject

    assert client.post(path).status_code == 404, "a link counts once"
    answer = client.get(consultation.url + f"pripominka/{comment.number}/")
    assert "Terénní služba by měla jezdit" in answer.content.decode()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"text": "   "}, "Napište prosím text připomínky."),
        ({"text": "x" * 5001}, "nejvýše 5000 znaků"),
        ({"target": "99999:1.1.1"}, "v připomínkovaném návrhu není"),
        ({"website": "http://spam.example"}, "musí zůstat prázdné"),
        ({"email": ""}, "Uveďte prosím e-mail"),
        ({"email": "neni-email"}, "e-mail"),
        ({"consent": None}, "Bez souhlasu se zpracováním"),
    ],
)
def test_bad_input_is_refused_in_czech_and_nothing_is_saved(
    client, consultation, chapter, changes, message
):
    response = client.post(comment_url(consultation), form_data(chapter, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()
    assert not mail.outbox


def test_a_repeated_comment_is_refused(client, consultation, chapter):
    client.post(comment_url(consultation), form_data(chapter))
    again = client.post(comment_url(consultation), form_data(chapter))
    assert again.status_code == 400
    assert "Stejnou připomínku z této e-mailové adresy už máme" in again.content.decode()
    assert Comment.objects.count() == 1


def test_one_address_may_send_ten_comments_an_hour(client, consultation, chapter):
    for n in range(10):
        response = client.post(comment_url(consultation), form_data(chapter, text=f"Text {n}"))
        assert response.status_code == 302
    refused = client.post(comment_url(consultation), form_data(chapter, text="Jedenáctý"))
    assert refused.status_code == 400
    assert "příliš mnoho připomínek" in refused.content.decode()
    assert Comment.objects.count() == 10


def test_script_in_any_field_is_shown_as_text(client, consultation, chapter):
    payload = '<script>alert("x")</script>'
    send_and_confirm(
        client,
        consultation,
        chapter,
        name=payload,
        organisation=payload,
        text=payload,
        proposed_wording=payload,
    )
    answer = client.get(consultation.url + "pripominka/1/").content.decode()
    assert payload not in answer
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in answer


def test_outside_the_window_the_form_is_closed_with_the_dates(client, consultation, chapter):
    consultation.opens_on = timezone.localdate() - datetime.timedelta(days=30)
    consultation.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    publish(consultation)

    page = client.get(comment_url(consultation))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Připomínky nyní nepřijímáme" in html and "<form" not in html.split("<main")[1]
    assert consultation.closes_on.strftime("%-d. %-m. %Y").replace(" ", "") in html.replace(
        " ", ""
    ).replace("&nbsp;", "")
    refused = client.post(comment_url(consultation), form_data(chapter))
    assert refused.status_code == 403
    assert not Comment.objects.exists()
    assert "Připomínkovat" not in client.get(consultation.url).content.decode()


def test_an_extension_is_shown_with_its_reason_and_keeps_the_form_open(
    client, consultation, chapter
):
    consultation.opens_on = timezone.localdate() - datetime.timedelta(days=20)
    consultation.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    consultation.extended_to = timezone.localdate() + datetime.timedelta(days=7)
    consultation.extension_reason = "Veřejné projednání bylo přesunuto."
    publish(consultation)
    html = client.get(comment_url(consultation)).content.decode()
    assert "Lhůta byla prodloužena" in html and "Veřejné projednání bylo přesunuto." in html
    assert client.post(comment_url(consultation), form_data(chapter)).status_code == 302


# --- Comments entered by the management team --------------------------------------------------


def staff_data(chapter, **changes):
    data = {
        "target": str(chapter.pk),
        "channel": "datova_schranka",
        "received_at": "20.11.2026 10:00",
        "name": "Obec Lhota",
        "email": "",
        "organisation": "Obec Lhota",
        "role": "zadavatel",
        "text": "Chybí zmínka o dopravě seniorů.",
        "proposed_wording": "",
    }
    data.update(changes)
    return data


def test_the_management_team_enters_a_comment_received_by_data_box(
    consultation, chapter, make_user, group_manager
):
    client = signed_in(make_user("mt", MANAGEMENT_TEAM))
    url = reverse("consultation_add_comment", args=[consultation.pk])
    response = client.post(url, staff_data(chapter))
    assert response.status_code == 302, response.content.decode()[:2000]
    comment = Comment.objects.get()
    assert comment.number == 1 and comment.channel == "datova_schranka"
    assert comment.entered_by.username == "mt"
    assert comment.target_label == "Kapitola 1: Senioři"
    assert [m.to for m in mail.outbox] == [[group_manager.email]]

    bad = client.post(url, staff_data(chapter, text="", wants_answer="on"))
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Napište prosím text připomínky." in html
    assert "Bez e-mailu nelze vypořádání poslat." in html
    assert Comment.objects.count() == 1


def test_only_the_management_team_enters_comments(consultation, chapter, make_user, group_manager):
    url = reverse("consultation_add_comment", args=[consultation.pk])
    for user in (group_manager, make_user("auditor", AUDITOR)):
        client = signed_in(user)
        # Wagtail answers a refusal in the admin with its "no permission" redirect.
        for response in (client.get(url), client.post(url, staff_data(chapter))):
            assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not Comment.objects.exists()


def test_a_working_group_sees_the_comments_on_its_chapters_only(
    client, consultation, chapter, make_user, group_manager, plan, organisation
):
    other_group = PlanChapterPage.objects.get(pk=chapter.pk).working_group
    assert other_group is not None
    send_and_confirm(client, consultation, chapter, text="K seniorům")
    send_and_confirm(client, consultation, chapter, target="plan", text="K celému plánu")

    index = reverse("pripominky:index")
    mine = signed_in(group_manager).get(index).content.decode()
    assert "Opatření 1.1.1" in mine and "Celý plán" not in mine
    team = signed_in(make_user("mt", MANAGEMENT_TEAM)).get(index).content.decode()
    assert "Opatření 1.1.1" in team and "Celý plán" in team

    whole_plan = Comment.objects.get(target_label="Celý plán")
    inspect = reverse("pripominky:inspect", args=[whole_plan.pk])
    refused = signed_in(group_manager).get(inspect)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    provider = make_user("poskytovatel")
    assert signed_in(provider).get(index).status_code in (302, 403)


def test_a_consultation_with_comments_is_never_deleted(client, consultation, chapter):
    from django.contrib.auth import get_user_model

    send_and_confirm(client, consultation, chapter)
    admin = get_user_model().objects.create_superuser("admin", "a@example.cz", "x" * 12)
    response = signed_in(admin).post(reverse("wagtailadmin_pages:delete", args=[consultation.pk]))
    assert response.status_code == 302
    assert ConsultationPage.objects.filter(pk=consultation.pk).exists()
    assert Comment.objects.count() == 1
    assert edit_url(consultation) in response["Location"]


# --- Query budget -----------------------------------------------------------------------------


def test_the_consultation_pages_stay_within_the_query_budget_at_any_size(
    client, chapter, organisation
):
    from tests.test_query_budgets import BUDGET, hierarchy, queries

    def consultation_urls(measures, slug):
        page = PlanChapterPage.objects.get(pk=chapter.pk)
        page.priorities = hierarchy(organisation, measures)
        publish(page)
        consultation = publish(
            ConsultationPageFactory(parent=chapter.get_parent(), title=slug, slug=slug)
        )
        return {
            "draft": consultation.url,
            "form": comment_url(consultation),
            "comment": consultation.url + "pripominka/1/",
        }, consultation

    small_urls, small = consultation_urls(5, "mala")
    large_urls, large = consultation_urls(50, "velka")
    for consultation in (small, large):
        send_and_confirm(client, consultation, chapter)
    small_sql = {name: queries(client, url) for name, url in small_urls.items()}
    large_sql = {name: queries(client, url) for name, url in large_urls.items()}
    report = "\n\n".join(
        f"{name}: {len(small_sql[name])} -> {len(sql)}\n" + "\n".join(sql)
        for name, sql in large_sql.items()
    )
    assert all(len(sql) <= BUDGET for sql in small_sql.values()), report
    assert {n: len(s) for n, s in large_sql.items()} == {n: len(s) for n, s in small_sql.items()}, (
        report
    )
    assert "Opatření 49" in client.get(large_urls["draft"]).content.decode()


def test_a_comments_detail_in_the_admin_reads_in_czech_and_local_time(
    client, consultation, chapter, make_user
):
    send_and_confirm(client, consultation, chapter)
    comment = Comment.objects.get()
    html = (
        signed_in(make_user("mt", MANAGEMENT_TEAM))
        .get(reverse("pripominky:inspect", args=[comment.pk]))
        .content.decode()
    )
    body = html.split('id="main"', 1)[1]
    for english in (">None<", ">True<", ">False<"):
        assert english not in body
    shown = {
        label.strip(): value.strip()
        for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", body, re.S)
    }
    assert shown["Souhlas se zveřejněním jména"] == "ano"
    assert shown["Poslat vypořádání e-mailem"] == "ne"
    assert shown["Zapsal(a)"] == "–"
    local = timezone.localtime(comment.received_at).strftime("%H:%M")
    assert local in body


def test_a_municipality_comments_as_a_commissioner(client, consultation, chapter):
    """Every side of the triad is offered, the commissioners (obce) too."""
    choices = dict(client.get(comment_url(consultation)).context["form"].fields["role"].choices)
    assert set(choices) == {"zadavatel", "poskytovatel", "uzivatel", "verejnost"}
    send_and_confirm(client, consultation, chapter, role="zadavatel", name="Obec Lhota")
    assert Comment.objects.get().role == "zadavatel"


def test_a_comment_received_in_the_future_is_refused(consultation, chapter, make_user):
    client = signed_in(make_user("mt", MANAGEMENT_TEAM))
    url = reverse("consultation_add_comment", args=[consultation.pk])
    later = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%d.%m.%Y %H:%M")
    response = client.post(url, staff_data(chapter, received_at=later))
    assert response.status_code == 400
    assert "Datum přijetí nemůže být v budoucnosti." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_new_comment_mail_leads_the_working_group_to_its_settlement_screen(
    client, consultation, chapter, group_manager
):
    send_and_confirm(client, consultation, chapter)
    notice = next(m for m in mail.outbox if m.to == [group_manager.email])
    assert reverse("consultation_settle", args=[consultation.pk]) in notice.body


# --- The English door to a consultation --------------------------------------------------------


@pytest.fixture
def english_chapter(chapter):
    """The chapter's English translation, published, with its first measure translated."""
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    page = chapter.copy_for_translation(english, copy_parents=True)
    page.title = "Seniors"
    raw = page.priorities.stream_block.get_prep_value(page.priorities)
    raw[0]["value"]["goals"][0]["value"]["measures"][0]["value"]["title"] = "Measure A"
    page.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    publish(page)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        if not ancestor.live:
            publish(ancestor.specific)
    return page


def english_door(consultation):
    from wagtail.models import Locale

    page = consultation.copy_for_translation(Locale.objects.get(language_code="en"))
    return publish(page)


def test_the_english_page_shows_the_frozen_translation_and_records_comments_in_the_source(
    client, chapter, english_chapter, django_capture_on_commit_callbacks
):
    consultation = publish(ConsultationPageFactory(parent=chapter.get_parent()))
    english = english_door(consultation)
    html = client.get(english.url).content.decode()
    assert "Measure A" in html and "Seniors" in html
    assert '<div lang="cs">' not in html, "nothing shown in Czech"
    # The parts are those of the source: the same keys, so the same working group answers.
    assert f"?cast={chapter.pk}:1.1.1" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english.url + "pripominkovat/", form_data(chapter))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.consultation_id == consultation.pk, "one consultation, one numbering"
    assert comment.target_label == "Opatření 1.1.1: Opatření A", "as the source names it"
    link = urlsplit(re.search(r"https?://\S+/potvrzeni/\S+/", mail.outbox[0].body).group(0))
    assert link.path.startswith(english.url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.path)
    comment.refresh_from_db()
    assert comment.reference == f"{consultation.pk}/001"
    answer = client.get(english.url + "pripominka/1/")
    assert answer.status_code == 200 and comment.text in answer.content.decode()


def test_a_draft_frozen_before_its_translation_is_shown_in_czech_marked_as_such(
    client, consultation, chapter
):
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    chapter.get_parent().copy_for_translation(english, copy_parents=True)
    for page in consultation.get_parent().get_translations():
        publish(page.specific)
    for ancestor in Page.objects.filter(locale=english, live=False, depth__gt=1):
        publish(ancestor.specific)
    door = english_door(consultation)
    html = client.get(door.url).content.decode()
    assert "The draft was put out for comments in Czech only" in html
    assert '<div lang="cs">' in html
    assert "Opatření A" in html
