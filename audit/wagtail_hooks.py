from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from audit.views import (
    ArchivedRevisionsView,
    AuditView,
    RecordHistoryView,
    may_read_audit,
    may_read_history,
)


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path(
            "historie-zaznamu/<str:app_label>/<str:model_name>/<str:pk>/",
            RecordHistoryView.as_view(),
            name="kpss_record_history",
        ),
        path("audit/", AuditView.as_view(), name="kpss_audit"),
        path("audit/vysledky/", AuditView.as_view(results_only=True), name="kpss_audit_results"),
        path(
            "audit/smazane/<str:app_label>/<str:model_name>/<str:pk>/",
            ArchivedRevisionsView.as_view(),
            name="kpss_archived_revisions",
        ),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_audit(request.user)


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Audit"), reverse("kpss_audit"), icon_name="history", order=260)


@hooks.register("register_snippet_listing_buttons")
def record_history_button(snippet, user, next_url=None):
    model = type(snippet)
    if hasattr(model, "history") and may_read_history(user, model):
        opts = model._meta
        yield ListingButton(
            _("Historie změn polí"),
            reverse("kpss_record_history", args=(opts.app_label, opts.model_name, snippet.pk)),
            icon_name="history",
            priority=90,
        )


@hooks.register("register_gdpr_collectors")
def audit_collectors():
    from audit.privacy import ArchivedRevisionCollector, AuditCollector

    return [ArchivedRevisionCollector(), AuditCollector()]
