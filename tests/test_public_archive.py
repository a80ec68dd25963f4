"""The public archive lists and shows only versions published after approval, and compares them."""

import pytest

from kpss_pages.models import PlanChapterPage
from tests.route import approve_route
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def approve(make_user):
    author = make_user("autorka", "Pracovní skupina – Senioři")
    mt = make_user("mt", MANAGEMENT_TEAM)
    ns = make_user("ns", STEERING_GROUP)

    def run(chapter, resolution, **changes):
        """Edit the chapter as its author and take it through the whole route."""
        page = PlanChapterPage.objects.get(pk=chapter.pk)
        for name, value in changes.items():
            setattr(page, name, value)
        revision = page.save_revision(user=author)
        approve_route(
            page,
            author=author,
            management_team=mt,
            steering_group=ns,
            resolution=resolution,
            meeting_date="2026-02-10",
        )
        return revision

    return run


def rename_measure(chapter, index, title):
    priorities = PlanChapterPage.objects.get(pk=chapter.pk).priorities
    priorities[0].value["goals"][0]["measures"][index]["title"] = title
    return priorities


@pytest.fixture
def history(chapter, approve):
    first = approve(chapter, "NS/2026/01")
    second = approve(
        chapter, "NS/2026/02", priorities=rename_measure(chapter, 1, "Opatření B <i>přepsané</i>")
    )
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    page.title = "Koncept, který nikdo neschválil"
    draft = page.save_revision()
    # An administrator's direct publication bypasses the route and is not an approved version.
    direct = PlanChapterPage.objects.get(pk=chapter.pk).save_revision()
    direct.publish()
    return {"first": first, "second": second, "draft": draft, "direct": direct}


def test_archive_lists_only_versions_published_after_approval(client, chapter, history):
    html = client.get(f"{chapter.url}historie/").content.decode()

    assert f"historie/{history['first'].pk}/" in html
    assert f"historie/{history['second'].pk}/" in html
    assert "NS/2026/01" in html and "NS/2026/02" in html
    assert f"historie/{history['draft'].pk}/" not in html
    assert f"historie/{history['direct'].pk}/" not in html


def test_an_approved_version_is_shown_read_only_at_a_stable_url(client, chapter, history):
    response = client.get(f"{chapter.url}historie/{history['first'].pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Archivní verze 1 schválená dne 10. 2. 2026, usnesení č. NS/2026/01" in html
    assert "Opatření B" in html and "přepsané" not in html
    assert 'id="opatreni-1-1-2"' in html


@pytest.mark.parametrize("key", ["draft", "direct"])
def test_unapproved_revisions_are_not_found(client, chapter, history, key):
    assert client.get(f"{chapter.url}historie/{history[key].pk}/").status_code == 404
    compare = f"{chapter.url}historie/porovnani/{history['first'].pk}/{history[key].pk}/"
    assert client.get(compare).status_code == 404


def test_comparison_highlights_the_changed_measure_by_its_code(client, chapter, history):
    url = f"{chapter.url}historie/porovnani/{history['first'].pk}/{history['second'].pk}/"
    html = client.get(url).content.decode()

    assert "Opatření 1.1.2 – změněno" in html
    assert "<ins> &lt;i&gt;přepsané&lt;/i&gt;</ins>" in html, "inserted words are escaped"
    assert "Opatření 1.1.1" not in html, "unchanged measures are not listed"


def test_compare_form_redirects_to_the_stable_url_and_refuses_bad_input(client, chapter, history):
    first, second = history["first"].pk, history["second"].pk
    response = client.get(f"{chapter.url}historie/porovnani/?od={first}&do={second}")
    assert response.status_code == 302
    assert response.url.endswith(f"historie/porovnani/{first}/{second}/")

    assert client.get(f"{chapter.url}historie/porovnani/?od=abc&do=1").status_code == 404
    assert client.get(f"{chapter.url}historie/porovnani/").status_code == 404


def test_live_chapter_links_to_its_archive(client, chapter, history):
    html = client.get(chapter.url).content.decode()
    assert f'href="{chapter.url}historie/"' in html
    assert "Historie schválených verzí" in html
