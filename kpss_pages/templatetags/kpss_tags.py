from django import template
from django.conf import settings
from django.template.defaultfilters import date as format_date
from django.urls import translate_url
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Page, Site

from kpss_pages import fragments
from kpss_pages.blocks import FUNDING_SOURCES
from kpss_pages.measure_services import change_text, relation_label

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """What every page shows around its content (home link, menu, footer, site settings) for
    this site and language, cached as one fragment; see fragments.fragment."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    language = translation.get_language()
    return fragments.fragment(
        f"chrome:{site.pk}:{language}", lambda: build_chrome(request, site, language)
    )


def link_in(language, request, versions):
    """The version of a page in `language`, else in the site's first language (marked with
    its language, so that the link says the reader gets Czech): the law wants the
    accessibility statement in every footer, whether or not it has been translated."""
    by_language = {page.locale.language_code: page for page in versions}
    page = by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)
    if page is None:
        return None
    code = page.locale.language_code
    return {"url": page.get_url(request), "lang": code if code != language else None}


def privacy_versions(privacy):
    if privacy is None:
        return []
    versions = privacy.get_translations(inclusive=True).live()
    return fragments.public(versions).select_related("locale")


def build_chrome(request, site, language):
    from kpss_pages.models import AccessibilityStatementPage, SiteSettings

    root = site.root_page
    homes = {
        page.locale.language_code: page
        for page in root.get_translations(inclusive=True).live().select_related("locale")
    }
    home = homes.get(language) or root
    fragments.depends_on(fragments.children_tag(home.pk))
    menu = fragments.public(home.get_children().live().in_menu())
    fragments.depends_on(fragments.model_tag(AccessibilityStatementPage))
    statements = fragments.public(AccessibilityStatementPage.objects.live()).select_related(
        "locale"
    )
    values = SiteSettings.for_site(site)
    return {
        "home": {"pk": home.pk, "url": home.get_url(request)},
        "homes": {code: page.get_url(request) for code, page in homes.items()},
        "menu": [
            {"pk": item.pk, "title": item.title, "url": item.get_url(request), "path": item.path}
            for item in menu
        ],
        "statement": link_in(language, request, statements),
        "privacy": link_in(language, request, privacy_versions(values.privacy_page)),
        "settings": {
            name: getattr(values, name)
            for name in (
                "region_name",
                "contact_name",
                "contact_email",
                "contact_phone",
                "contact_address",
                "is_demo",
            )
        },
    }


@register.inclusion_tag("includes/main_nav.html")
def main_nav(chrome, current=None):
    if not isinstance(current, Page):  # views other than pages may use "page" for other things
        current = None
    current_pk, current_path = (current.pk, current.path) if current else (None, "")
    items = [
        {
            **item,
            "current": "page"
            if item["pk"] == current_pk
            else ("true" if current_path.startswith(item["path"]) else None),
        }
        for item in (chrome["menu"] if chrome else [])
    ]
    return {"chrome": chrome, "items": items, "current": current}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return {"ancestors": [], "page": None}
    request = context.get("request")
    site = Site.find_for_request(request) if request else None

    def build():
        # A move changes the ancestors: it stamps the page itself.
        fragments.depends_on(fragments.page_tag(page.pk))
        # Depth 1 is the tree's root, which is never a public page. An unpublished ancestor
        # (a draft action plan out for comment) is named, not linked, until it is published.
        ancestors = list(page.get_ancestors().filter(depth__gt=1))
        fragments.depends_on(*(fragments.page_tag(a.pk) for a in ancestors if not a.live))
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request) if ancestor.live else ""}
            for ancestor in ancestors
        ]

    ancestors = fragments.fragment(f"breadcrumbs:{site.pk if site else 0}:{page.pk}", build)
    return {"ancestors": ancestors, "page": page}


# Dates as each language writes them: "4. 12. 2026" in Czech, "4 December 2026" in English.
DATE_FORMATS = {"cs": "j. n. Y", "en": "j F Y"}
DATETIME_FORMATS = {"cs": "j. n. Y H:i", "en": "j F Y, H:i"}


def _format_for(formats):
    return formats.get(translation.get_language(), formats[settings.LANGUAGE_CODE])


@register.filter(expects_localtime=True)
def local_date(value):
    return format_date(value, _format_for(DATE_FORMATS)) if value else ""


@register.filter(expects_localtime=True)
def local_datetime(value):
    return format_date(value, _format_for(DATETIME_FORMATS)) if value else ""


def _plain(html):
    return " ".join(strip_tags(html).split())


@register.filter
def body_repeats_summary(page):
    """Whether the page's text opens with its summary: shown as a lead too, it would be read
    twice."""
    summary = getattr(page, "summary", "")
    body = getattr(page, "body", None)
    if not summary or not body:
        return False
    first = body[0]
    source = getattr(first.value, "source", None)
    return (
        first.block_type == "paragraph"
        and source is not None
        and _plain(source) == " ".join(summary.split())
    )


@register.simple_tag(takes_context=True)
def plan_pdfs(context):
    """The live plans of this language with their PDFs, newest first: the documents page lists
    them whatever its editors add."""
    from kpss_pages.models import CommunityPlanPage

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    language = translation.get_language()

    def build():
        fragments.depends_on(fragments.model_tag(CommunityPlanPage))
        plans = fragments.public(CommunityPlanPage.objects.live()).filter(
            locale__language_code=language
        )
        return [
            {"title": plan.title, "url": plan.get_url(request) + plan.reverse_subpage("pdf")}
            for plan in plans.order_by("-valid_from", "path")
        ]

    return fragments.fragment(f"plan-pdfs:{site.pk if site else 0}:{language}", build)


@register.inclusion_tag("includes/home_sections.html", takes_context=True)
def home_sections(context):
    """The home page's sections (its pages in the menu) with their summaries. A translated
    home lists, in the first language's order, each section's translation or, where there is
    none yet, the section itself, marked with its language: the home page's text may promise
    every section."""
    request, home = context.get("request"), context.get("page")
    if not isinstance(home, Page) or not home.pk:
        return {"sections": []}

    def build():
        fragments.depends_on(fragments.children_tag(home.pk))
        own = list(fragments.public(home.get_children().live().in_menu()).specific())
        first = home.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE)
        first = first.live().first()
        if first is None:
            return [section(page, request, None) for page in own]
        fragments.depends_on(fragments.children_tag(first.pk))
        by_key = {page.translation_key: page for page in own}
        sources = fragments.public(first.get_children().live().in_menu()).specific()
        sections = [
            section(by_key.pop(page.translation_key), request, None)
            if page.translation_key in by_key
            else section(page, request, settings.LANGUAGE_CODE)
            for page in sources
        ]
        return sections + [section(page, request, None) for page in by_key.values()]

    site = Site.find_for_request(request) if request else None
    return {"sections": fragments.fragment(f"sections:{site.pk if site else 0}:{home.pk}", build)}


def section(page, request, lang):
    return {
        "title": page.title,
        "url": page.get_url(request),
        "summary": getattr(page, "summary", ""),
        "lang": lang,
    }


@register.filter
def thousands(value):
    """1234567 -> "1 234 567", grouped by non-breaking spaces as Czech writes numbers; a missing
    figure (None) as a dash, any other text as it is."""
    if value is None:
        return "–"
    try:
        return f"{int(value):,}".replace(",", "\u00a0")
    except (TypeError, ValueError):
        return value


@register.filter
def czk(value):
    """12345 -> '12 345 Kč' with a non-breaking thin grouping, as Czech typography uses."""
    if value in (None, ""):
        return ""
    return thousands(value) + "\u00a0Kč"


@register.filter
def funding_labels(codes):
    labels = dict(FUNDING_SOURCES)
    return [str(labels[code]) for code in codes or [] if code in labels]


@register.filter
def get_note(notes, block_id):
    """The lines other apps add under a measure (kpss_pages.models.plan.measure_notes)."""
    return (notes or {}).get(block_id, []) if block_id else []


@register.filter
def service_relation(key):
    """The stored relation of a measure to a service ("rozsirit") as its label ("rozšířit")."""
    return relation_label(key)


@register.filter
def capacity_change(link):
    """A measure's capacity change of a service: "+2 úvazky"."""
    return change_text(link)


@register.filter
def names(objects):
    """Names of chosen snippets, skipping any that were deleted since."""
    return [str(obj) for obj in objects or [] if obj is not None]


@register.inclusion_tag("includes/footer_links.html")
def footer_links(chrome):
    """The accessibility statement (law 99/2019 Sb.) and privacy information, in every footer."""
    return {"chrome": chrome}


UNTRANSLATED_PARAM = "bez-prekladu"


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language: its live translation, or (for pages without one) the other
    language's home page with a notice. Non-page views keep their path under the other prefix."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = translation.get_language()
    live = {}
    if isinstance(page, Page) and page.pk:
        site = Site.find_for_request(request)
        key = f"languages:{site.pk if site else 0}:{page.pk}"
        live = fragments.fragment(key, lambda: live_translations(page, request))
    chrome = context.get("site_chrome") or {}
    homes = chrome.get("homes", {})
    versions = []
    for code, name in settings.LANGUAGES:
        entry = {"code": code, "name": name, "current": code == current, "exists": True}
        if code in live:
            entry["url"] = live[code]
        elif not (isinstance(page, Page) and page.pk):
            entry["url"] = translate_url(request.get_full_path(), code)
        else:
            entry["exists"] = False
            entry["url"] = f"{homes.get(code) or f'/{code}/'}?{UNTRANSLATED_PARAM}=1"
        versions.append(entry)
    return versions


def live_translations(page, request):
    """{language code: URL} of the page's live, public versions, itself included."""
    fragments.depends_on(fragments.page_tag(page.pk))
    versions = fragments.public(page.get_translations(inclusive=True).live())
    return {
        version.locale.language_code: version.get_url(request)
        for version in versions.select_related("locale")
    }


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_PARAM))
