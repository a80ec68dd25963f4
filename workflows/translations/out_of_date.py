"""Translations whose source changed after they were last synced, and the reports listing them."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
)
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.models import (
    SourceDeletedError,
    TranslationSource,
)
from wagtail_localize.views import (
    report,
    snippets_api,
)

from workflows.drafts import may_see_records, viewable_pages
from workflows.translations.access import can_edit


def source_changed_at(instance):
    """When the source's content last changed in a way a sync would take over."""
    if isinstance(instance, Page):
        return instance.last_published_at  # sync takes the published source only (#823)
    history = getattr(instance, "history", None)
    if history is not None:
        latest = history.order_by("-history_date").only("history_date").first()
        return latest.history_date if latest else None
    return None


def is_out_of_date(source, instance=None):
    """True when the source changed after its content was last extracted for translation."""
    try:
        instance = instance or source.get_source_instance()
    except (ObjectDoesNotExist, SourceDeletedError):
        return False
    changed = source_changed_at(instance)
    return bool(changed and changed > source.last_updated_at)


def out_of_date_translations():
    """(source, source instance, enabled translations) for every source that changed since sync."""
    rows = []
    sources = TranslationSource.objects.filter(translations__enabled=True).distinct()
    for source in sources.select_related("locale", "specific_content_type"):
        try:
            instance = source.get_source_instance()
        except (ObjectDoesNotExist, SourceDeletedError):
            continue
        if is_out_of_date(source, instance):
            translations = source.translations.filter(enabled=True).select_related("target_locale")
            rows.append((source, instance, list(translations)))
    return rows


class OutOfDateTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    """Translations whose Czech source was published (or saved) after their last sync."""

    template_name = "workflows/translations/out_of_date.html"
    page_title = gettext_lazy("Zastaralé překlady")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = []
        for source, instance, translations in out_of_date_translations():
            if not can_edit(user, instance):
                continue
            rows.append(
                {
                    "source": source,
                    "instance": instance,
                    "translations": translations,
                    "changed_at": source_changed_at(instance),
                    "sync_url": reverse("wagtail_localize:update_translations", args=[source.pk]),
                }
            )
        context["rows"] = rows
        return context


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's report lists every translation with its title: translators only, and
    only translations they may read (a translated page's draft, a record type they may edit)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        translations = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return translations
        page_type = ContentType.objects.get_for_model(Page)
        readable_pages = viewable_pages(user).filter(
            translation_key=OuterRef("source__object_id"), locale=OuterRef("target_locale")
        )
        editable_types = [
            content_type.pk
            for content_type in ContentType.objects.filter(
                pk__in=translations.values("source__object__content_type")
            ).exclude(pk=page_type.pk)
            if (model := content_type.model_class()) and user_can_edit_snippet_type(user, model)
        ]
        return translations.filter(
            (Q(source__object__content_type=page_type) & Exists(readable_pages))
            | Q(source__object__content_type__in=editable_types)
        )


class SnippetsAPIViewSet(snippets_api.SnippetViewSet):
    """wagtail-localize's snippet lookup (title and edit link of any record of any snippet
    type) for those who hold some permission on the type; members are personal data."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not may_see_records(request.user, self.get_model()):
            raise PermissionDenied
