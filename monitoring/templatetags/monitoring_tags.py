from django import template

from kpss_pages.blocks import FUNDING_SOURCES

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def status_count(group, status):
    """How many of a roll-up group's measures are in `status`."""
    return sum(1 for measure in group.measures if (measure["status"] or "") == status)


@register.filter
def funding_label(code):
    return dict(FUNDING_SOURCES).get(code, code)
