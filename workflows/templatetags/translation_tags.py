from django import template

from wagtail.models import Page

from workflows.translations import editor_context

register = template.Library()


@register.inclusion_tag("workflows/translations/route_banner.html", takes_context=True)
def translation_route(context, instance):
    """Route status and the "submit for approval" action above wagtail-localize's editor."""
    if not isinstance(instance, Page):
        return {}
    request = context["request"]
    return {
        **editor_context(instance, request.user),
        "page": instance,
        "csrf_token": context.get("csrf_token"),
    }
