"""What a document must be: the format its extension names, with no macros, zip bombs or markup."""

import io
import os
import re
import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import filetype

# Office files are zips: limits on what they may unpack to, checked without writing to disk.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_UNCOMPRESSED = 250 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 10 * 1024 * 1024  # small files may compress well without being bombs
ZIP_CHUNK = 1024 * 1024

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_MAIN_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
REQUIRED_PARTS = {
    "docx": "„[Content_Types].xml“, „word/document.xml“",
    "xlsx": "„[Content_Types].xml“, „xl/workbook.xml“",
    "odt": "„mimetype“ (application/vnd.oasis.opendocument.text)",
    "ods": "„mimetype“ (application/vnd.oasis.opendocument.spreadsheet)",
}

# Markup a browser would run or render; text files and PDFs must not carry it.
MARKUP = re.compile(
    rb"<(?:script|html[\s>]|body[\s>]|iframe|svg[\s>]|object[\s>]|embed[\s>]|\?xml|!doctype)",
    re.IGNORECASE,
)
# In a PDF the rest is binary: only tokens too long to occur by chance in compressed streams.
PDF_MARKUP = re.compile(rb"<(?:script|html[\s>]|iframe|!doctype\s+html)", re.IGNORECASE)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# What a file of each allowed document type is called ("není platný …").
FORMAT_NAMES = {
    "pdf": _("PDF dokument"),
    "docx": _("dokument Word (DOCX)"),
    "xlsx": _("sešit Excel (XLSX)"),
    "odt": _("dokument OpenDocument (ODT)"),
    "ods": _("sešit OpenDocument (ODS)"),
    "txt": _("textový soubor"),
    "csv": _("soubor CSV"),
    "jpg": _("obrázek JPEG"),
    "jpeg": _("obrázek JPEG"),
    "png": _("obrázek PNG"),
    "webp": _("obrázek WebP"),
}
# What the content really is ("jeho obsah odpovídá …"), by filetype's extension.
CONTENT_NAMES = {
    "exe": _("spustitelnému programu pro Windows"),
    "elf": _("spustitelnému programu pro Linux"),
    "zip": _("archivu ZIP"),
    "pdf": _("dokumentu PDF"),
    "docx": _("dokumentu Word (DOCX)"),
    "xlsx": _("sešitu Excel (XLSX)"),
    "pptx": _("prezentaci PowerPoint (PPTX)"),
    "odt": _("dokumentu OpenDocument (ODT)"),
    "ods": _("sešitu OpenDocument (ODS)"),
    "odp": _("prezentaci OpenDocument (ODP)"),
    "doc": _("starému dokumentu Word nebo Excel (DOC, XLS)"),
    "xls": _("starému dokumentu Word nebo Excel (DOC, XLS)"),
    "script": _("spustitelnému skriptu"),
    "html": _("webové stránce (HTML)"),
    "svg": _("obrázku SVG"),
    "xml": _("dokumentu XML"),
}

INVALID = _("Soubor „%(name)s“ není platný %(format)s: %(reason)s.")
MISMATCH = _("Soubor „%(name)s“ není platný %(format)s: jeho obsah odpovídá %(content)s.")
ZIP_BOMB = _("Soubor „%(name)s“ byl odmítnut: %(reason)s. Může jít o takzvanou zip bombu.")
TOO_LARGE = _("Soubor je příliš velký (%(file_size)s), nejvýše %(max_filesize)s.")


class UploadRefused(Exception):
    """Why the content is not of the expected format: a reason (Czech, lower case), what the
    content really is (see describe_content), or that it unpacks like a zip bomb."""

    def __init__(self, reason=None, content=None, bomb=False):
        self.reason, self.content, self.bomb = reason, content, bomb


def extension_of(name):
    return os.path.splitext(name)[1][1:].lower()


def describe_content(data):
    """The dative Czech name of what the bytes really are, or None for unrecognised content."""
    kind = filetype.guess(data[:8192])
    if kind:
        if kind.extension in CONTENT_NAMES:
            return CONTENT_NAMES[kind.extension]
        if kind.mime.startswith("image/"):
            return _("obrázku %(format)s") % {"format": kind.extension.upper()}
        return _("souboru typu %(mime)s") % {"mime": kind.mime}
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"#!"):
        return CONTENT_NAMES["script"]
    if head.startswith(b"<"):
        if b"<svg" in head:
            return CONTENT_NAMES["svg"]
        if any(tag in head for tag in (b"<html", b"<!doctype html", b"<script", b"<body")):
            return CONTENT_NAMES["html"]
        return CONTENT_NAMES["xml"]
    return None


def refusal(data, reason):
    """A refusal naming what the content really is when that is recognised, else `reason`."""
    return UploadRefused(reason, content=describe_content(data))


# --- PDF ---------------------------------------------------------------------------------------


def check_pdf(data):
    if not data.startswith(b"%PDF-"):
        raise refusal(data, _("nezačíná hlavičkou PDF"))
    if b"%%EOF" not in data[-2048:]:
        raise UploadRefused(_("chybí jeho konec, soubor je neúplný"))
    markup = PDF_MARKUP.search(data)
    if markup:
        raise UploadRefused(
            _("obsahuje kód webové stránky („%(tag)s“)")
            % {"tag": markup.group().decode("ascii", "replace")}
        )


# --- Office files (zip) ------------------------------------------------------------------------


def _zip_kind(names, mimetype):
    if names and names[0] == "mimetype" and mimetype in ODF_MIMETYPES:
        return ODF_MIMETYPES[mimetype]
    if "[Content_Types].xml" in names:
        for part, kind in OOXML_MAIN_PARTS.items():
            if part in names:
                return kind
    return "zip"


def _read_entries(archive, infos):
    """Reads every entry in memory, which checks its CRC (zipfile stops an entry at its declared
    size, so one that unpacks to more fails the check), and keeps the two that name the format."""
    kept = {}
    for info in infos:
        with archive.open(info) as entry:
            parts = []
            while chunk := entry.read(ZIP_CHUNK):
                if info.filename in ("mimetype", "[Content_Types].xml"):
                    parts.append(chunk)
        if parts:
            kept[info.filename] = b"".join(parts)
    return kept


def check_office(expected):
    def check(data):
        if not data.startswith(b"PK\x03\x04"):
            raise refusal(data, _("nemá strukturu archivu ZIP"))
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
                if len(infos) > ZIP_MAX_ENTRIES:
                    raise UploadRefused(
                        _("obsahuje příliš mnoho položek (%(count)s, nejvýše %(max)s)")
                        % {"count": len(infos), "max": ZIP_MAX_ENTRIES},
                        bomb=True,
                    )
                declared = sum(info.file_size for info in infos)
                if declared > ZIP_MAX_UNCOMPRESSED:
                    raise UploadRefused(
                        _("po rozbalení by měl %(size)s, nejvýše %(max)s")
                        % {
                            "size": filesizeformat(declared),
                            "max": filesizeformat(ZIP_MAX_UNCOMPRESSED),
                        },
                        bomb=True,
                    )
                if declared > ZIP_RATIO_FLOOR and declared > ZIP_MAX_RATIO * len(data):
                    raise UploadRefused(
                        _("je podezřele silně komprimovaný (%(ratio)s : 1, nejvýše %(max)s : 1)")
                        % {"ratio": declared // len(data), "max": ZIP_MAX_RATIO},
                        bomb=True,
                    )
                kept = _read_entries(archive, infos)
        except (zipfile.BadZipFile, EOFError) as error:
            raise UploadRefused(_("archiv je poškozený")) from error
        except RuntimeError as error:
            # Encrypted entries, or a compression method zipfile cannot read (it raises a
            # subclass of RuntimeError for that).
            raise UploadRefused(
                _("archiv je zašifrovaný nebo používá nepodporovanou kompresi")
            ) from error

        names = [info.filename for info in infos]
        mimetype = kept.get("mimetype", b"").decode("ascii", "replace").strip()
        kind = _zip_kind(names, mimetype)
        if kind == "zip":
            raise UploadRefused(
                _("je to archiv ZIP bez povinných částí %(parts)s")
                % {"parts": REQUIRED_PARTS[expected]}
            )
        if kind != expected:
            raise UploadRefused(content=CONTENT_NAMES[kind])
        lowered = [name.lower() for name in names]
        content_types = kept.get("[Content_Types].xml", b"")
        if (
            any(name.endswith("vbaproject.bin") for name in lowered)
            or b"macroEnabled" in content_types
            or any(name.startswith(("basic/", "scripts/")) for name in lowered)
        ):
            raise UploadRefused(_("obsahuje makra, která nejsou povolena; uložte jej bez maker"))

    return check


# --- Text --------------------------------------------------------------------------------------


def check_text(data):
    # filetype only names what is not text: some of its signatures ("MZ") are ordinary words.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRefused(_("je v kódování UTF-16; uložte jej v UTF-8"))
    if b"\x00" in data:
        raise refusal(data, _("obsahuje nulové bajty, jaké má binární soubor"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1250")
        except UnicodeDecodeError:
            raise refusal(data, _("není v kódování UTF-8 ani Windows-1250")) from None
    if CONTROL_CHARACTERS.search(text):
        raise refusal(data, _("obsahuje řídicí znaky, jaké má binární soubor"))
    start = text.lstrip()
    if start.startswith("#!"):
        raise UploadRefused(content=CONTENT_NAMES["script"])
    if start.startswith("<"):
        raise UploadRefused(content=describe_content(data) or CONTENT_NAMES["xml"])
    markup = MARKUP.search(data)
    if markup:
        raise UploadRefused(
            _("obsahuje značku HTML, SVG nebo XML („%(tag)s“)")
            % {"tag": markup.group().decode("ascii", "replace").strip()}
        )


def read_upload(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data
