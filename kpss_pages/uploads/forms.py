"""The admin's upload forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE):
every check on every upload path."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

from kpss_pages.uploads.checks import (
    FORMAT_NAMES,
    INVALID,
    MISMATCH,
    TOO_LARGE,
    ZIP_BOMB,
    UploadRefused,
    check_office,
    check_pdf,
    check_text,
    extension_of,
    read_upload,
)
from kpss_pages.uploads.images import IMAGE_FORMATS, check_image, strip_upload

DOCUMENT_CHECKS = {
    "pdf": check_pdf,
    "docx": check_office("docx"),
    "xlsx": check_office("xlsx"),
    "odt": check_office("odt"),
    "ods": check_office("ods"),
    "txt": check_text,
    "csv": check_text,
    "jpg": check_image("JPEG"),
    "png": check_image("PNG"),
}


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
    extension = extension_of(name)
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
    _run(DOCUMENT_CHECKS[extension], name, extension, read_upload(file))


def validate_image(file):
    """Raises ValidationError unless the upload decodes whole as the format its extension names,
    with nothing appended; Wagtail's image field has checked extension, size and pixels."""
    name = os.path.basename(file.name)
    extension = extension_of(name)
    if extension not in IMAGE_FORMATS:
        # Wagtail's field allows WAGTAILIMAGES_EXTENSIONS; a type added there needs a check here.
        raise ValidationError(
            _("Obrázky typu .%(extension)s nelze nahrát."),
            code="extension_not_allowed",
            params={"extension": extension},
        )
    _run(check_image(IMAGE_FORMATS[extension]), name, extension, read_upload(file))


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
            extension = extension_of(file.name)
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
            strip_upload(file, IMAGE_FORMATS[extension_of(file.name)])
        return file
