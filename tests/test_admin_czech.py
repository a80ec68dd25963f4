"""The Czech admin speaks Czech: no English leftovers (scripts included), Czech plural forms,
Czech quotation marks and one date format in listings, histories, workflows and the audit."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

from django.urls import reverse
from django.utils import timezone, translation

import polib
import pytest

from kpss_pages import factories
from tests.route import start_route
from workflows.roles import MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db

SITE_PACKAGES = Path(polib.__file__).resolve().parent
ROOT = Path(__file__).resolve().parent.parent

# What the Czech admin showed in English, as visible text or in an accessible name.
ENGLISH_LEFTOVERS = [
    r"^Actions$",  # the slim header's navigation, hard-coded in Wagtail's template
    r"^(True|False|None)$",  # a yes/no column read out by screen readers; an empty value
    r"\(None\)",  # page listings' result count with a model name Wagtail leaves empty
    r"\b(ago|now)\b",  # workflow status times (Django's humanize was not installed)
    r"\bpages\b|\bothers\b",  # languages: "66 pages + 69 others"
    r"^Error 404$",
    r"^Admin$",
    r"^Root$",  # the tree's root, named by Wagtail's migration
    r"Moderators approval",  # Wagtail's sample workflow, disabled but listed
]


class VisibleText(HTMLParser):
    """Text a user sees or hears, at once or on opening a panel, menu or dialog: text outside
    scripts and styles, and the accessible names and tooltips of elements."""

    SKIPPED = {"script", "style"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "data-w-tooltip-content-value")
    # Wagtail's side-panel error counters say "None" until a script puts the count in and
    # shows them.
    SCRIPT_FILLED = "data-side-panel-toggle-counter"

    def __init__(self):
        super().__init__()
        self.stack, self.strings = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = tag in self.SKIPPED or self.SCRIPT_FILLED in attrs
        skipped = skipped or bool(self.stack and self.stack[-1])
        if not skipped:
            self.strings += [attrs[name].strip() for name in self.ATTRIBUTES if attrs.get(name)]
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1]):
            self.strings.append(" ".join(data.split()))


def visible_strings(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.strings


def english_leftovers(html):
    return sorted(
        {
            text
            for text in visible_strings(html)
            for pattern in ENGLISH_LEFTOVERS
            if re.search(pattern, text)
        }
    )


@pytest.fixture
def content(chapter, working_group, organisation, make_user, home):
    """A page of every kind, a service, news, minutes and a chapter waiting for review."""
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    service = factories.ServicePageFactory(parent=catalogue, provider=organisation)
    news = factories.NewsIndexPageFactory(parent=home)
    factories.NewsPageFactory(parent=news)
    factories.MeetingPageFactory(parent=working_group)
    factories.StandardPageFactory(parent=home)
    author = make_user("manazerka", "Pracovní skupina – Senioři")
    chapter.title = "Senioři – návrh"
    chapter.save_revision(user=author)
    start_route(chapter, author)
    return {"chapter": chapter, "service": service, "catalogue": catalogue}


def admin_views(content):
    chapter = content["chapter"]
    revisions = list(chapter.revisions.order_by("pk").values_list("pk", flat=True))
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{chapter.get_parent().pk}/",
        f"/admin/pages/{content['catalogue'].pk}/",
        "/admin/pages/search/?q=Senio",
        f"/admin/pages/{chapter.pk}/history/",
        f"/admin/pages/{chapter.pk}/revisions/compare/{revisions[0]}...{revisions[-1]}/",
        f"/admin/pages/{chapter.pk}/workflow_history/",
        f"/admin/pages/add/kpss_pages/servicepage/{content['catalogue'].pk}/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/page-types-usage/",
        "/admin/workflows/list/",
        "/admin/workflows/list/?show_disabled=true",
        "/admin/choose-page/",
        "/admin/workflows/tasks/index/",
        "/admin/audit/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/locales/",
        "/admin/sites/",
        "/admin/account/",
    ]
    urls += [f"/admin/pages/{page.pk}/edit/" for page in _one_of_each_page_type()]
    urls += [
        f"/admin/snippets/kpss_pages/{model}/"
        for model in ("organisation", "municipality", "servicekind", "targetgroup")
    ]
    return urls


def _one_of_each_page_type():
    from wagtail.models import Page

    seen, pages = set(), []
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        if type(page) not in seen:
            seen.add(type(page))
            pages.append(page)
    return pages


def test_the_main_admin_views_show_no_english_leftovers(admin_client, content):
    found = {}
    for url in admin_views(content):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        leftovers = english_leftovers(response.content.decode())
        if leftovers:
            found[url] = leftovers
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=0)


def test_the_management_team_reads_a_chapters_review_status_in_czech(client, content, make_user):
    client.force_login(make_user("mt", MANAGEMENT_TEAM))
    html = client.get(f"/admin/pages/{content['chapter'].pk}/edit/").content.decode()
    assert english_leftovers(html) == []
    assert "Odesláno do úlohy Posouzení manažerským týmem nyní" in " ".join(visible_strings(html))


# --- The admin's scripts ---------------------------------------------------------------------


def javascript_catalogue(client, url):
    source = client.get(url).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))


# Strings that read the same in Czech.
SAME_IN_CZECH = {"%(time_zone_option)s: %(localized_time_zone_label)s", "%(num)s min"}


@pytest.mark.parametrize(
    ("package", "url_name"),
    [("wagtail/admin", "wagtailadmin_javascript_catalog"), ("wagtail_localize", None)],
)
def test_every_string_of_the_admins_scripts_is_czech(admin_client, package, url_name):
    """Wagtail's StreamField editor, sidebar and minimap and wagtail-localize's editor take their
    words from Django's JavaScript catalogue: each of their strings has Czech."""
    url = reverse(url_name) if url_name else reverse("wagtail_localize:javascript_catalog")
    catalogue = javascript_catalogue(admin_client, url)
    source = polib.pofile(str(SITE_PACKAGES / package / "locale/en/LC_MESSAGES/djangojs.po"))
    missing = [
        entry.msgid
        for entry in source
        if entry.msgid not in SAME_IN_CZECH
        and catalogue.get(entry.msgid, entry.msgid) in (entry.msgid, [entry.msgid])
    ]
    assert missing == []


def test_the_block_editor_says_odstranit_and_counts_new_menu_items_in_czech(admin_client):
    catalogue = javascript_catalogue(admin_client, reverse("wagtailadmin_javascript_catalog"))
    assert catalogue["Delete"] == "Odstranit", "not Zrušit (cancel)"
    assert catalogue["Insert a block"] == "Vložit blok"
    assert catalogue["(%(number)s new items in this menu)"] == (
        "(nové položky v této nabídce: %(number)s)"
    )
    assert catalogue["%(num)s error"] == [
        "%(num)s chyba",
        "%(num)s chyby",
        "%(num)s chyby",
        "%(num)s chyb",
    ]


# --- Plurals and counts -----------------------------------------------------------------------


def test_czech_counts_agree_with_their_number(admin_client):
    from wagtail.admin.localization import get_js_translation_strings

    with translation.override("cs"):
        pages = get_js_translation_strings()["BULK_ACTIONS"]["PAGE"]
        assert pages["ALL"] % {"objects": 6} == "Vybrány všechny stránky na této obrazovce (6)"
        assert pages["PLURAL"] % {"objects": 2} == "Vybráno stránek: 2"
        records = [
            translation.ngettext("%(total)s záznam", "%(total)s záznamů", n) % {"total": n}
            for n in (1, 2, 5)
        ]
        assert records == ["1 záznam", "2 záznamy", "5 záznamů"]


def test_times_ago_read_as_czech():
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    now = timezone.now()
    with translation.override("cs"):
        assert timesince_simple(now - timedelta(minutes=22)) == "před 22\xa0minutami"
        assert timesince_simple(now - timedelta(minutes=1, seconds=5)) == "před 1\xa0minutou"
        assert timesince_simple(now - timedelta(days=5)) == "před 5\xa0dny"
        assert timesince_simple(now - timedelta(seconds=20)) == "právě teď"


def test_kpss_messages_keeps_hand_written_czech_plurals_and_leaves_new_ones_to_write(tmp_path):
    """Czech has four forms (1, 2–4, fractions, 5+); the source gives the first and the last."""
    from kpss_site.management.commands.kpss_messages import fill_czech

    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(n)s stránka"\nmsgid_plural "%(n)s stránek"\n'
        'msgstr[0] "%(n)s stránka"\nmsgstr[1] "%(n)s stránky"\n'
        'msgstr[2] "%(n)s stránky"\nmsgstr[3] "%(n)s stránek"\n\n'
        'msgid "%(n)s služba"\nmsgid_plural "%(n)s služeb"\nmsgstr[0] ""\nmsgstr[1] ""\n'
        'msgstr[2] ""\nmsgstr[3] ""\n',
        encoding="utf-8",
    )

    fill_czech(po)

    entries = {entry.msgid: entry.msgstr_plural for entry in polib.pofile(str(po))}
    assert entries["%(n)s stránka"] == {
        0: "%(n)s stránka",
        1: "%(n)s stránky",
        2: "%(n)s stránky",
        3: "%(n)s stránek",
    }
    assert entries["%(n)s služba"] == {0: "%(n)s služba", 1: "", 2: "", 3: "%(n)s služeb"}


# --- Quotation marks --------------------------------------------------------------------------

STRAIGHT_QUOTES = re.compile(r"""(?<![=\w])(['"])(?!\s)([^'"<>=]{1,80}?)(?<!\s)\1(?![\w=])""")


def czech_messages():
    """(msgid, Czech text) of every admin string: Wagtail's, wagtail-localize's and the site's,
    as Django resolves them (the overrides included)."""
    sources = sorted(SITE_PACKAGES.glob("wagtail*/**/locale/en/LC_MESSAGES/django.po"))
    sources.append(ROOT / "locale/cs/LC_MESSAGES/django.po")
    with translation.override("cs"):
        for path in sources:
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                if entry.msgid_plural:
                    for n in (1, 2, 5):
                        yield entry.msgid, translation.ngettext(entry.msgid, entry.msgid_plural, n)
                elif entry.msgctxt:
                    yield entry.msgid, translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    yield entry.msgid, translation.gettext(entry.msgid)


def test_czech_messages_use_czech_quotation_marks():
    straight = sorted(
        {text for msgid, text in czech_messages() if text != msgid and STRAIGHT_QUOTES.search(text)}
    )
    assert straight == []


# --- Dates ----------------------------------------------------------------------------------

CZECH_MONTHS = "ledna února března dubna května června července srpna září října listopadu prosince"
OTHER_DATE_FORMATS = re.compile(
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\b\d{{1,2}}\. ({'|'.join(CZECH_MONTHS.split())})\b"
)
ONE_FORMAT = re.compile(r"\b\d{1,2}\. \d{1,2}\. \d{4}\b")


def test_listings_histories_workflows_and_the_audit_show_dates_one_way(admin_client, content):
    chapter = content["chapter"]
    urls = [
        "/admin/",
        f"/admin/pages/{chapter.get_parent().pk}/",
        f"/admin/pages/{chapter.pk}/history/",
        f"/admin/pages/{chapter.pk}/workflow_history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/audit/vysledky/",
    ]
    dated = {}
    for url in urls:
        strings = visible_strings(admin_client.get(url).content.decode())
        others = [text for text in strings if OTHER_DATE_FORMATS.search(text)]
        assert others == [], url
        dated[url] = any(ONE_FORMAT.search(text) for text in strings)
    assert all(dated.values()), dated


def test_date_fields_in_the_admin_write_dates_the_calendar_reads_back(admin_client, content):
    """Day and month in figures like everywhere in the admin, without the spaces: the calendar
    (php-date-formatter) cannot parse "04. 12. 2026" and would reset the field to today."""
    page = factories.MeetingPageFactory(
        parent=content["chapter"].working_group, date=timezone.localdate().replace(day=4, month=12)
    )
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    year = page.date.year
    assert f'value="04.12.{year}"' in html
    assert '"format": "d.m.Y"' in html
