"""Uploaded documents and images are checked by their content, not by their names.

Wagtail checks a document's extension and size and an image's format, size and pixels; the forms
below (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE) add what a public authority
needs on every admin upload path (add, multiple upload, edit, chooser), since each of them builds
its form from these bases: the content must be the format its extension names (found with
`filetype`), office files must really be that format without macros or zip bombs, text must be
text and not markup or a script, images must decode completely with nothing appended. A refused
file is never saved. An accepted image (also a JPEG or PNG document) is rewritten without its
metadata: EXIF (GPS position, camera, author), XMP, comments and text chunks.
"""

import io
import os
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

import filetype
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin

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


def _extension(name):
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


def _refusal(data, reason):
    """A refusal naming what the content really is when that is recognised, else `reason`."""
    return UploadRefused(reason, content=describe_content(data))


# --- PDF ---------------------------------------------------------------------------------------


def _check_pdf(data):
    if not data.startswith(b"%PDF-"):
        raise _refusal(data, _("nezačíná hlavičkou PDF"))
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


def _check_office(expected):
    def check(data):
        if not data.startswith(b"PK\x03\x04"):
            raise _refusal(data, _("nemá strukturu archivu ZIP"))
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


def _check_text(data):
    # filetype only names what is not text: some of its signatures ("MZ") are ordinary words.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadRefused(_("je v kódování UTF-16; uložte jej v UTF-8"))
    if b"\x00" in data:
        raise _refusal(data, _("obsahuje nulové bajty, jaké má binární soubor"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1250")
        except UnicodeDecodeError:
            raise _refusal(data, _("není v kódování UTF-8 ani Windows-1250")) from None
    if CONTROL_CHARACTERS.search(text):
        raise _refusal(data, _("obsahuje řídicí znaky, jaké má binární soubor"))
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


# --- Images ------------------------------------------------------------------------------------


def _png_end(data):
    position = 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        position += 12 + length
        if chunk_type == b"IEND":
            return position
    return None


def _jpeg_end(data):
    """End of the EOI marker, walking the segments and skipping entropy-coded data."""
    position = 2
    while position + 1 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return position + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == 0xDA:  # start of scan: data runs until a marker other than RSTn or FF00
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= len(data):
                    return None
                following = data[position + 1]
                if following == 0xFF:
                    position += 1
                elif following == 0x00 or 0xD0 <= following <= 0xD7:
                    position += 2
                else:
                    break
    return None


def _webp_end(data):
    size = int.from_bytes(data[4:8], "little")
    return 8 + size + size % 2


IMAGE_ENDS = {"PNG": _png_end, "JPEG": _jpeg_end, "WEBP": _webp_end}
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def _check_image(pillow_format):
    def check(data):
        max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        try:
            with PILImage.open(io.BytesIO(data), formats=[pillow_format]) as image:
                # The header's size, before anything is decoded.
                width, height = image.size
                if max_pixels and width * height > max_pixels:
                    raise UploadRefused(
                        _("má příliš mnoho pixelů (%(pixels)s, nejvýše %(max)s)")
                        % {"pixels": width * height, "max": max_pixels}
                    )
                image.verify()
            # verify() leaves the image unusable; decoding it whole finds truncated data.
            with PILImage.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.load()
        except PILImage.DecompressionBombError:
            raise UploadRefused(_("má příliš mnoho pixelů")) from None
        except PILImage.UnidentifiedImageError:
            raise _refusal(data, _("obsah není obrázek")) from None
        except (OSError, SyntaxError, ValueError) as error:
            raise UploadRefused(_("obrázek je poškozený nebo neúplný")) from error
        end = IMAGE_ENDS[pillow_format](data)
        if end is None or end > len(data):
            raise UploadRefused(_("obrázek je poškozený nebo neúplný"))
        if end < len(data):
            raise UploadRefused(
                _(
                    "za koncem obrázku jsou připojena další data (%(size)s); uložte jej znovu "
                    "jako obyčejný obrázek"
                )
                % {"size": filesizeformat(len(data) - end)}
            )

    return check


# --- Metadata ----------------------------------------------------------------------------------

# What a rewritten image keeps of Pillow's `info`: colour and transparency, nothing about the
# photo's place, device or author.
KEPT_INFO = ("icc_profile", "transparency", "dpi", "gamma", "background", "duration", "loop")
REENCODE_QUALITY = 90


def _webp_is_lossless(data):
    """Whether the WebP's image chunk is VP8L (lossless), walking the RIFF chunks."""
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        if kind in (b"VP8 ", b"VP8L"):
            return kind == b"VP8L"
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + size % 2
    return False


def strip_metadata(data, pillow_format):
    """The image re-encoded without metadata, its EXIF orientation applied to the pixels.

    Pillow writes only the metadata it is given (JPEG also its comment, which is passed empty),
    and Willow copies the original's EXIF into every rendition: renditions of a stripped original
    carry none either."""
    with PILImage.open(io.BytesIO(data), formats=[pillow_format]) as original:
        animated = getattr(original, "is_animated", False)
        upright = original if animated else ImageOps.exif_transpose(original)
        turned = upright is not original and original.getexif().get(0x0112, 1) != 1
        kwargs = {"icc_profile": original.info.get("icc_profile")}
        if pillow_format == "JPEG":
            kwargs["progressive"] = bool(original.info.get("progressive"))
            kwargs["comment"] = b""
            if turned:
                kwargs["quality"] = REENCODE_QUALITY
                kwargs["subsampling"] = JpegImagePlugin.get_sampling(original)
            else:
                # Its own quantisation: no second lossy compression.
                upright = original
                kwargs["quality"] = kwargs["subsampling"] = "keep"
        elif pillow_format == "WEBP":
            kwargs["lossless"] = _webp_is_lossless(data)
            kwargs["quality"] = 100 if kwargs["lossless"] else REENCODE_QUALITY
        if animated:
            kwargs["save_all"] = True
        upright.info = {key: value for key, value in upright.info.items() if key in KEPT_INFO}
        if kwargs["icc_profile"] is None:
            del kwargs["icc_profile"]
        buffer = io.BytesIO()
        upright.save(buffer, pillow_format, **kwargs)
    return buffer.getvalue()


def strip_upload(file, pillow_format):
    """Rewrites the upload in place: the same file object is what every admin path stores,
    also the multiple uploader's UploadedFile and a large upload's temporary file (which the
    storage moves rather than copies)."""
    clean = strip_metadata(_read(file), pillow_format)
    handle = file.file
    handle.seek(0)
    handle.truncate()
    handle.write(clean)
    handle.flush()
    handle.seek(0)
    file.size = len(clean)


DOCUMENT_CHECKS = {
    "pdf": _check_pdf,
    "docx": _check_office("docx"),
    "xlsx": _check_office("xlsx"),
    "odt": _check_office("odt"),
    "ods": _check_office("ods"),
    "txt": _check_text,
    "csv": _check_text,
    "jpg": _check_image("JPEG"),
    "png": _check_image("PNG"),
}


def _read(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _run(check, name, extension, data):
    try:
        check(data)
    except UploadRefused as refusal:
        params = {"name": name, "format": FORMAT_NAMES[extension]}
        if refusal.bomb:
            raise ValidationError(
                ZIP_BOMB, code="zip_bomb", params={"name": name, "reason": refusal.reason}
            ) from None
        if refusal.content:
            raise ValidationError(
                MISMATCH, code="content_mismatch", params={**params, "content": refusal.content}
            ) from None
        raise ValidationError(
            INVALID, code="invalid_content", params={**params, "reason": refusal.reason}
        ) from None


def _allowed_list(extensions):
    return ", ".join(extension.upper() for extension in extensions)


def validate_document(file):
    """Raises ValidationError unless the upload is an allowed document type by its content."""
    name = os.path.basename(file.name)
    extension = _extension(name)
    allowed = [ext for ext in settings.WAGTAILDOCS_EXTENSIONS if ext in DOCUMENT_CHECKS]
    if not extension:
        raise ValidationError(
            _("Soubor „%(name)s“ nemá příponu. Povolené typy dokumentů: %(allowed)s."),
            code="no_extension",
            params={"name": name, "allowed": _allowed_list(allowed)},
        )
    if extension not in allowed:
        raise ValidationError(
            _(
                "Soubor „%(name)s“ má nepovolenou příponu .%(extension)s. "
                "Povolené typy dokumentů: %(allowed)s."
            ),
            code="extension_not_allowed",
            params={"name": name, "extension": extension, "allowed": _allowed_list(allowed)},
        )
    _run(DOCUMENT_CHECKS[extension], name, extension, _read(file))


def validate_image(file):
    """Raises ValidationError unless the upload decodes whole as the format its extension names,
    with nothing appended; Wagtail's image field has checked extension, size and pixels."""
    name = os.path.basename(file.name)
    extension = _extension(name)
    if extension not in IMAGE_FORMATS:
        # Wagtail's field allows WAGTAILIMAGES_EXTENSIONS; a type added there needs a check here.
        raise ValidationError(
            _("Obrázky typu .%(extension)s nelze nahrát."),
            code="extension_not_allowed",
            params={"extension": extension},
        )
    _run(_check_image(IMAGE_FORMATS[extension]), name, extension, _read(file))


# --- Admin forms -------------------------------------------------------------------------------


def _czech_size_messages(field):
    field.error_messages["file_too_large"] = TOO_LARGE
    field.error_messages["file_too_large_unknown_size"] = _(
        "Soubor je příliš velký, nejvýše %(max_filesize)s."
    ) % {"max_filesize": filesizeformat(field.max_upload_size)}


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            _czech_size_messages(self.fields["file"])

    def add_error(self, field, error):
        # Document.clean() then checks the extension of the instance's file, which stays empty
        # once the upload is refused: its "extension ''" message would only confuse.
        if field is None and "file" in self._errors and "file" in getattr(error, "error_dict", {}):
            error = ValidationError(
                {name: errors for name, errors in error.error_dict.items() if name != "file"}
            )
            if not error.error_dict:
                return
        super().add_error(field, error)

    def clean_file(self):
        file = self.cleaned_data["file"]
        # Only a new upload: editing the title keeps the stored file as it is.
        if isinstance(file, UploadedFile):
            validate_document(file)
            extension = _extension(file.name)
            if extension in IMAGE_FORMATS:
                strip_upload(file, IMAGE_FORMATS[extension])
        return file


class ImageField(WagtailImageField):
    """Wagtail's image field, answering a truncated or corrupt image with a message rather than
    a server error: Willow decodes the whole image to read its size (wagtail/wagtail#1354)."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise ValidationError(
                _("Obrázek je poškozený nebo neúplný."), code="corrupt_image"
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtail_field = self.fields["file"]
            field = self.fields["file"] = ImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
                max_length=wagtail_field.max_length,
            )
            _czech_size_messages(field)
            allowed = _allowed_list(get_allowed_image_extensions())
            field.error_messages.update(
                {
                    "invalid_image": _(
                        "Soubor není obrázek ve formátu %(allowed)s, nebo je poškozený."
                    )
                    % {"allowed": allowed},
                    "invalid_image_extension": _(
                        "Obrázek musí být ve formátu %(allowed)s; jiné typy (například SVG "
                        "nebo GIF) nejsou povoleny."
                    )
                    % {"allowed": allowed},
                    "invalid_image_known_format": _(
                        "Soubor s příponou .%(extension)s není obrázek tohoto formátu: jeho "
                        "obsah je ve formátu %(image_format)s."
                    ),
                    "file_too_many_pixels": _(
                        "Obrázek má příliš mnoho pixelů (%(num_pixels)s), nejvýše "
                        "%(max_pixels_count)s."
                    ),
                }
            )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if isinstance(file, UploadedFile):
            validate_image(file)
            strip_upload(file, IMAGE_FORMATS[_extension(file.name)])
        return file
