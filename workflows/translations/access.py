"""Who may request, edit and publish translations, and the refusal page."""

from django.conf import settings
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail.snippets.permissions import user_can_edit_snippet_type

SUBMIT_FIELD = "kpss-submit-translation"


class RefusalView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "workflows/translations/refused.html"
    page_title = gettext_lazy("Akce odmítnuta")
    header_icon = "warning"
    message = ""
    status = 403

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "message": self.message}

    def render_to_response(self, context, **kwargs):
        return super().render_to_response(context, status=self.status, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


def refuse(request, message, status=403):
    """A refusal the user can read, in the admin's layout; nothing is saved."""
    return RefusalView.as_view(message=message, status=status)(request)


def can_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.is_superuser


def can_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user_can_edit_snippet_type(user, type(instance))


def configured_locales():
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return Locale.objects.filter(language_code__in=codes)
