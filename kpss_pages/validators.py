import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def ico_check_digit(first_seven: str) -> int:
    """Check digit of a Czech IČO from its first seven digits (weights 8..2, modulo 11)."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, ICO_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 1
    if remainder == 1:
        return 0
    return 11 - remainder


def validate_ico(value: str) -> None:
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(_("IČO musí mít přesně 8 číslic."), code="ico_format")
    if ico_check_digit(value[:7]) != int(value[7]):
        raise ValidationError(
            _("IČO %(value)s není platné: nesouhlasí kontrolní číslice."),
            code="ico_checksum",
            params={"value": value},
        )


validate_registry_id = RegexValidator(
    r"^\d{7}$", _("Identifikátor služby z registru má přesně 7 číslic."), code="registry_id"
)
validate_postcode = RegexValidator(
    r"^\d{3} ?\d{2}$", _("PSČ má 5 číslic, např. 757 01."), code="postcode"
)


# --- Rich text ------------------------------------------------------------------------------
# Wagtail's `richtext` filter prints stored rich text as it is: the editor's converter is its only
# sanitiser. Stored HTML that did not come through the editor (a link address overridden in the
# translation editor, an import) is therefore checked before it is saved.

LINK_SCHEMES = ("http", "https", "mailto", "tel")
# What Wagtail's editor (the contentstate converter) and wagtail-localize's translated strings
# store: elements, and their attributes besides the block key every block element carries.
RICH_TEXT_ELEMENTS = dict.fromkeys(
    (
        *("p", "br", "hr", "blockquote", "pre", "ol", "ul", "li", "h1", "h2", "h3", "h4", "h5"),
        *("h6", "b", "strong", "i", "em", "u", "s", "code", "kbd", "sup", "sub", "mark", "abbr"),
        "acronym",
    ),
    (),
) | {"a": ("href", "linktype", "id"), "embed": ("embedtype", "id", "format", "alt", "url")}
BLOCK_KEY = "data-block-key"
_SCHEME = re.compile(r"([a-z0-9][-+.a-z0-9]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[`\x00-\x20\x7f-\xa0\s]+")


def link_scheme(url):
    """The scheme of a link address as a browser reads it ("" for a relative link): browsers
    ignore case, whitespace and control characters, so "Java\tScript:" is "javascript"."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", url).lower())
    return match.group(1) if match else ""


class _RichTextScan(HTMLParser):
    """Collects the markup the editor does not store and the text of links it would refuse."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.markup, self.refused_links, self._link_text = [], [], None

    def handle_starttag(self, tag, attrs):
        allowed = RICH_TEXT_ELEMENTS.get(tag)
        if allowed is None:
            self.markup.append(f"<{tag}>")
            return
        attributes = dict(attrs)
        self.markup += [name for name in attributes if name not in allowed and name != BLOCK_KEY]
        if tag == "a" and "linktype" not in attributes:
            href = attributes.get("href")
            if href is None or link_scheme(href) not in ("", *LINK_SCHEMES):
                self._link_text = []

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            self.refused_links.append(" ".join("".join(self._link_text).split()))
            self._link_text = None


def validate_rich_text(value):
    """Refuse links to anything but web pages, e-mail and telephone numbers, and any markup the
    editor does not store (<script>, event handlers, styles).

    Links to pages and documents of the site are stored with a `linktype`. Wagtail's editor keeps
    a refused address out of the stored HTML by leaving the link without `href`, which would lose
    the link silently: such a link is refused here too, so the editor says why."""
    source = getattr(value, "source", value) or ""
    if "<" not in source:
        return
    scan = _RichTextScan()
    scan.feed(source)
    scan.close()
    errors = [
        ValidationError(
            _(
                "Odkaz „%(text)s“ má nepovolenou adresu. Odkazovat lze na stránky a "
                "dokumenty tohoto webu a na adresy začínající http://, https://, "
                "mailto: nebo tel:."
            ),
            code="link_scheme",
            params={"text": Truncator(text).chars(60)},
        )
        for text in scan.refused_links
    ]
    if scan.markup:
        errors.append(
            ValidationError(
                _("Text obsahuje HTML, které editor nepovoluje (%(markup)s). Vložte text znovu."),
                code="rich_text_markup",
                params={"markup": ", ".join(dict.fromkeys(scan.markup))},
            )
        )
    if errors:
        raise ValidationError(errors)
