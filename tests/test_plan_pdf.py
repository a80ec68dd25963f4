"""The published plan as a PDF: complete, generated once per published version."""

import hashlib
import io
import shutil
import subprocess

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

import pypdf
import pytest

from kpss_pages.models import PlanChapterPage
from kpss_pages.plan_pdf import DIRECTORY, plan_pdf
from tests.route import publish

pytestmark = pytest.mark.django_db

# poppler-utils: installed by .ci/run, so this runs in CI (never skipped).
PDFINFO = shutil.which("pdfinfo") or "/usr/bin/pdfinfo"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return [page.extract_text() for page in reader.pages]


def stored():
    return sorted(default_storage.listdir(DIRECTORY)[1])


def test_the_plan_pdf_holds_title_page_contents_chapters_measures_and_page_numbers(
    client, plan, chapter
):
    html = client.get(plan.url).content.decode()
    assert f'href="{plan.url}pdf/"' in html, "the plan page links the PDF"

    pages = pdf_text(client.get(plan.url + "pdf/"))
    assert plan.title in pages[0]
    assert "Obsah" in pages[1] and "1. Senioři" in pages[1] and "Priorita 1: Péče doma" in pages[1]
    text = "\n".join(pages)
    assert "Cíl 1.1 Terénní služby" in text
    assert "Opatření 1.1.3 Opatření C" in text
    assert "Záznam o schválení" in pages[-1]
    assert f"{len(pages)} / {len(pages)}" in pages[-1], "numbered pages"


def test_the_pdf_is_generated_once_and_again_only_after_a_new_publication(
    client, rf, plan, chapter
):
    client.get(plan.url + "pdf/")
    first = stored()
    assert len(first) == 1
    assert plan_pdf(plan, rf.get("/"))[1] is False, "served from storage"

    draft = PlanChapterPage.objects.get(pk=chapter.pk)
    draft.title = "Senioři – návrh"
    draft.save_revision()
    assert "Senioři – návrh" not in "\n".join(pdf_text(client.get(plan.url + "pdf/")))
    assert stored() == first, "a draft does not change the PDF"

    draft.get_latest_revision().publish()
    text = "\n".join(pdf_text(client.get(plan.url + "pdf/")))
    assert "Senioři – návrh" in text
    assert len(stored()) == 1 and stored() != first, "the old version's file is replaced"


def test_the_pdf_fetches_no_file_or_address_named_in_stored_content(client, plan, chapter):
    """Rich text is checked on save, but older or imported content could still name an image:
    generating the PDF must not make the server fetch it (no SSRF, no local file read)."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}/interni.png"
    try:
        # As stored before the check existed: straight into the database, no form.
        type(plan).objects.filter(pk=plan.pk).update(
            introduction=f'<p>Úvod</p><img src="{address}"><img src="file:///etc/hostname">'
        )
        pages = pdf_text(client.get(plan.url + "pdf/"))
    finally:
        server.shutdown()
    assert "Úvod" in pages[0] + pages[1] + pages[2]
    assert hits == [], "the PDF called an address named in content"


def english_plan(plan, chapter):
    """The plan and its chapter translated into English and published."""
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    home = plan.get_parent().specific
    for page in (home, plan, chapter):
        translation = page.copy_for_translation(english)
        if page.pk == plan.pk:
            translation.title = "Plan 2026–2029"
        elif page.pk == chapter.pk:
            translation.title = "Seniors"
        publish(translation)
    return type(plan).objects.get(translation_key=plan.translation_key, locale=english)


def pdf_file(client, url, tmp_path, name):
    response = client.get(url)
    assert response.status_code == 200
    path = tmp_path / name
    path.write_bytes(b"".join(response.streaming_content))
    return path


def pdfinfo(path):
    """poppler's own report of the file: it reads the structure tree and the catalogue."""
    result = subprocess.run(  # noqa: S603 -- a fixed tool on a file this test wrote
        [PDFINFO, str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    fields = (line.partition(":") for line in result.stdout.splitlines())
    return {key: value.strip() for key, _colon, value in fields}


def outline_titles(outline):
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles.append(outline_titles(item))
        else:
            titles.append(item.title)
    return titles


@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_plan_pdf_is_tagged_in_the_page_language_with_its_title_and_bookmarks(
    client, plan, chapter, tmp_path, language
):
    page = plan if language == "cs" else english_plan(plan, chapter)
    path = pdf_file(client, page.url + "pdf/", tmp_path, f"{language}.pdf")

    info = pdfinfo(path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == page.title
    reader = pypdf.PdfReader(path)
    catalogue = reader.trailer["/Root"]
    assert catalogue["/Lang"] == language, "the language of the plan's locale"
    assert catalogue["/MarkInfo"]["/Marked"].value is True
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"].value is True, "title, not file name"
    assert "/StructTreeRoot" in catalogue
    assert b"pdfuaid:part" in catalogue["/Metadata"].get_object().get_data(), "PDF/UA-1"

    assert "/Outlines" in catalogue
    chapter_title = "1. Senioři" if language == "cs" else "1. Seniors"
    priority = "Priorita 1 Péče doma" if language == "cs" else "Priority 1 Péče doma"
    goal = "Cíl 1.1 Terénní služby" if language == "cs" else "Goal 1.1 Terénní služby"
    titles = outline_titles(reader.outline)
    assert chapter_title in titles
    children = titles[titles.index(chapter_title) + 1]
    assert children == [priority, [goal]], "chapters → priorities → goals; measures are not"


def test_a_pdf_stored_in_the_earlier_format_is_not_served_again(client, plan, chapter):
    """Files cached before the PDF was tagged sit under the old fingerprint (the live
    revisions alone): after the upgrade they are replaced, not served."""
    chapters = list(plan.live_chapters())
    versions = [f"{plan.pk}:{plan.live_revision_id}"]
    versions += [f"{page.pk}:{page.live_revision_id}" for page in chapters]
    digest = hashlib.sha256(",".join(versions).encode()).hexdigest()[:16]
    legacy = f"{DIRECTORY}/{plan.pk}-{digest}.pdf"
    default_storage.save(legacy, ContentFile(b"%PDF-1.7 untagged"))

    response = client.get(plan.url + "pdf/")
    content = b"".join(response.streaming_content)
    assert content != b"%PDF-1.7 untagged"
    catalogue = pypdf.PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert catalogue["/MarkInfo"]["/Marked"].value is True
    assert not default_storage.exists(legacy), "the old file is removed"
