from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page, Site

from kpss_pages.blocks import FUNDING_SOURCES

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    home = site.root_page.localized if site else None
    current = context.get("page")
    items = home.get_children().live().public().in_menu() if home else Page.objects.none()
    return {"home": home, "items": items, "current": current}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None:
        return {"ancestors": [], "page": None}
    # Depth 1 is the tree's root, which is never a public page.
    ancestors = page.get_ancestors().filter(depth__gt=1)
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


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """The accessibility statement (law 99/2019 Sb.) and privacy information, in every footer."""
    from kpss_pages.models import AccessibilityStatementPage

    site_settings = context.get("settings")
    privacy = None
    if site_settings:
        privacy = site_settings["kpss_pages"]["SiteSettings"].privacy_page
    statement = (
        AccessibilityStatementPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .first()
    )
    return {
        "statement": statement,
        "privacy": privacy if privacy and privacy.live else None,
        "request": context.get("request"),
    }


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
    if page is not None and getattr(page, "pk", None):
        for version in (
            page.get_translations(inclusive=True).live().public().select_related("locale")
        ):
            live[version.locale.language_code] = version
    site = Site.find_for_request(request)
    versions = []
    for code, name in settings.LANGUAGES:
        entry = {"code": code, "name": name, "current": code == current, "exists": True}
        if code in live:
            entry["url"] = live[code].get_url(request)
        elif page is None or not getattr(page, "pk", None):
            entry["url"] = translate_url(request.get_full_path(), code)
        else:
            entry["exists"] = False
            locale = Locale.objects.filter(language_code=code).first()
            home = site.root_page.get_translation_or_none(locale) if site and locale else None
            base = home.get_url(request) if home and home.live else f"/{code}/"
            entry["url"] = f"{base}?{UNTRANSLATED_PARAM}=1"
        versions.append(entry)
    return versions


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_PARAM))


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the current language (the Czech one where no translation is live)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return "/"
    home = site.root_page.localized
    return home.get_url(request) if home.live else site.root_page.get_url(request)
