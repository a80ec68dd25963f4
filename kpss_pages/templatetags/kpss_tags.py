from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page, Site

from kpss_pages import page_cache
from kpss_pages.blocks import FUNDING_SOURCES

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """What every page shows around its content (home link, menu, footer, site settings) for
    this site and language, cached as one fragment; see page_cache.fragment."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    language = translation.get_language()
    return page_cache.fragment(
        f"chrome:{site.pk}:{language}", lambda: build_chrome(request, site, language)
    )


def build_chrome(request, site, language):
    from kpss_pages.models import AccessibilityStatementPage, SiteSettings

    locale = Locale.objects.filter(language_code=language).first()
    root = site.root_page
    homes = {
        page.locale.language_code: page
        for page in root.get_translations(inclusive=True).live().select_related("locale")
    }
    home = homes.get(language) or root
    page_cache.depends_on(page_cache.children_tag(home.pk))
    menu = page_cache.public(home.get_children().live().in_menu())
    page_cache.depends_on(page_cache.model_tag(AccessibilityStatementPage))
    statement = (
        page_cache.public(AccessibilityStatementPage.objects.live()).filter(locale=locale).first()
    )
    values = SiteSettings.for_site(site)
    privacy = values.privacy_page
    return {
        "home": {"pk": home.pk, "url": home.get_url(request)},
        "homes": {code: page.get_url(request) for code, page in homes.items()},
        "menu": [
            {"pk": item.pk, "title": item.title, "url": item.get_url(request), "path": item.path}
            for item in menu
        ],
        "statement_url": statement.get_url(request) if statement else None,
        "privacy_url": privacy.get_url(request) if privacy and privacy.live else None,
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
        page_cache.depends_on(page_cache.page_tag(page.pk))
        # Depth 1 is the tree's root, which is never a public page.
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in page.get_ancestors().filter(depth__gt=1)
        ]

    ancestors = page_cache.fragment(f"breadcrumbs:{site.pk if site else 0}:{page.pk}", build)
    return {"ancestors": ancestors, "page": page}


@register.filter
def czk(value):
    """12345 -> '12 345 Kč' with a non-breaking thin grouping, as Czech typography uses."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", "\u00a0") + "\u00a0Kč"


@register.filter
def funding_labels(codes):
    labels = dict(FUNDING_SOURCES)
    return [str(labels[code]) for code in codes or [] if code in labels]


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
        live = page_cache.fragment(key, lambda: live_translations(page, request))
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
    page_cache.depends_on(page_cache.page_tag(page.pk))
    versions = page_cache.public(page.get_translations(inclusive=True).live())
    return {
        version.locale.language_code: version.get_url(request)
        for version in versions.select_related("locale")
    }


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_PARAM))
