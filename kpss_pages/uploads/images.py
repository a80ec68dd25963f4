"""What an image must be: decoded completely with nothing appended; its metadata stripped."""

import io

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin

from kpss_pages.uploads.checks import UploadRefused, read_upload, refusal

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


def check_image(pillow_format):
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
            raise refusal(data, _("obsah není obrázek")) from None
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
    clean = strip_metadata(read_upload(file), pillow_format)
    handle = file.file
    handle.seek(0)
    handle.truncate()
    handle.write(clean)
    handle.flush()
    handle.seek(0)
    file.size = len(clean)
