"""The published plan as a PDF: complete, generated once per published version."""

import io

from django.core.files.storage import default_storage

import pypdf
import pytest

from kpss_pages.models import PlanChapterPage
from kpss_pages.plan_pdf import DIRECTORY, plan_pdf

pytestmark = pytest.mark.django_db


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
