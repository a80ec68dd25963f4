"""Czech first, English second: routing per language, the switcher and hreflang links."""

from wagtail.models import Locale

import pytest

from kpss_pages import factories
from tests.route import publish, start_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_home(home):
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Community planning of social services"
    return publish(english)


def test_czech_has_no_prefix_and_english_lives_under_en(client, home, english_home):
    page = publish(factories.StandardPageFactory(parent=home, title="O plánování", slug="o-planu"))
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "About planning"
    publish(english)

    assert page.url == "/o-planu/"
    assert english.url == "/en/o-planu/"
    html = client.get("/o-planu/").content.decode()
    assert '<html lang="cs">' in html and "O plánování" in html
    assert "Přeskočit na obsah" in html
    html = client.get("/en/o-planu/").content.decode()
    assert '<html lang="en">' in html and "About planning" in html
    assert "Skip to content" in html, "the interface speaks English (compiled en catalogue)"
    assert '<a class="site-title" href="/en/">' in html


def test_the_switcher_and_hreflang_link_a_page_to_its_translation(client, home, english_home):
    page = publish(factories.StandardPageFactory(parent=home, title="O plánování", slug="o-planu"))
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    publish(english)

    html = client.get("/o-planu/").content.decode()
    assert '<a href="/en/o-planu/" lang="en" hreflang="en">English</a>' in html
    assert '<link rel="alternate" hreflang="cs" href="http://testserver/o-planu/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/o-planu/">' in html
    html = client.get("/en/o-planu/").content.decode()
    assert '<a href="/o-planu/" lang="cs" hreflang="cs">Čeština</a>' in html


def test_without_a_published_translation_the_switcher_leads_to_the_english_home_with_a_notice(
    client, home, english_home
):
    page = publish(factories.StandardPageFactory(parent=home, title="Jen česky", slug="jen-cesky"))
    draft = page.copy_for_translation(Locale.objects.get(language_code="en"))
    draft.save_revision()
    assert not draft.live, "an unpublished translation does not count"

    html = client.get("/jen-cesky/").content.decode()
    assert '<a href="/en/?bez-prekladu=1" lang="en" hreflang="en">English</a>' in html
    assert 'hreflang="en" href=' not in html.split("</head>")[0], "no alternate for a missing one"
    html = client.get("/en/", {"bez-prekladu": "1"}).content.decode()
    assert "Community planning of social services" in html
    assert 'class="callout" role="note"' in html


def test_views_that_are_not_pages_keep_their_path_and_query(client, home, english_home):
    html = client.get("/hledat/", {"q": "senior"}).content.decode()
    assert '<a href="/en/hledat/?q=senior" lang="en" hreflang="en">English</a>' in html


@pytest.mark.parametrize(
    ("directory", "language", "domain"),
    [
        ("locale", "cs", "django"),
        ("locale", "en", "django"),
        ("locale_overrides", "cs", "django"),
        ("locale_overrides", "cs", "djangojs"),
    ],
)
def test_message_catalogues_are_complete(directory, language, domain):
    """Every string has a translation (Czech repeats its source; the overrides fill Wagtail's
    own Czech gaps, for its scripts too), none is fuzzy, and msgfmt accepts the file."""
    import subprocess
    from pathlib import Path

    catalogue = Path(__file__).resolve().parent.parent / directory / language / "LC_MESSAGES"
    po = str(catalogue / f"{domain}.po")
    for option in ("--untranslated", "--only-fuzzy"):
        found = subprocess.run(  # noqa: S603 -- fixed arguments
            ["msgattrib", option, "--no-wrap", po],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        messages = [line for line in found.splitlines() if line.startswith("msgid ")]
        assert messages in ([], ['msgid ""']), f"{language} {option}: {messages[:10]}"
    subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", po], check=True)  # noqa: S603, S607


def test_the_admin_speaks_czech_including_wagtails_gaps_and_keeps_a_users_english_choice(
    client, chapter, make_user
):
    from wagtail.users.models import UserProfile

    author = make_user("manazerka", "Pracovní skupina – Senioři")
    chapter.save_revision(user=author)
    start_route(chapter, author)
    client.force_login(author)
    html = client.get(f"/admin/pages/{chapter.pk}/edit/").content.decode()
    assert "čeká na úlohu <b>„Posouzení manažerským týmem“</b>" in html
    assert "is awaiting" not in html, "Wagtail 8.0's Czech catalogue gap is filled"
    html = client.get("/admin/").content.decode()
    assert '<html lang="cs"' in html
    assert "<title>Nástěnka - Wagtail</title>" in html

    profile = UserProfile.get_for_user(author)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(f"/admin/pages/{chapter.pk}/edit/").content.decode()
    assert '<html lang="en"' in html
    assert "is awaiting" in html
    assert "<title>Dashboard - Wagtail</title>" in client.get("/admin/").content.decode()
