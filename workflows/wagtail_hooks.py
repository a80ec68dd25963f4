from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from workflows import drafts, editor, translations
from workflows.models import ApprovalRecord
from workflows.panels import replace_workflow_panels
from workflows.read_only import KpssPageViewSet


@hooks.register("register_admin_viewset")
def register_page_views():
    # Registered after Wagtail's base page viewset (order -1), so it serves all page types.
    return KpssPageViewSet()


hooks.register("construct_homepage_panels", replace_workflow_panels)
hooks.register("construct_page_action_menu", editor.name_route_actions)

# Unapproved drafts stay with those who may read them (workflows/drafts.py).
hooks.register("construct_page_chooser_queryset", drafts.page_chooser_queryset)
hooks.register("before_move_page", drafts.refuse_move)


class ApprovalRecordViewSet(ModelViewSet):
    """The full approval record of every published revision; read-only for everyone."""

    form_fields = ["comment"]  # required by ModelViewSet; the policy refuses every edit

    model = ApprovalRecord
    icon = "tasks"
    menu_label = _("Záznamy o schválení")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "page_title",
        "task_name",
        "approver_name",
        "approved_at",
        "resolution_number",
        "meeting_date",
    ]
    list_filter = ["task_name", "approved_at"]
    search_fields = ["page_title", "resolution_number", "approver_name", "comment"]
    inspect_view_fields = [
        "page_title",
        "revision",
        "step",
        *ApprovalRecord.DECISION_FIELDS,
        "published_at",
    ]
    ordering = ["-published_at", "step"]


@hooks.register("register_admin_viewset")
def register_approval_records():
    return ApprovalRecordViewSet("schvalovani")


# --- Translations follow the approval route (workflows/translations/) ----------------------


@hooks.register("register_admin_urls", order=-1)
def guard_translation_urls():
    """Before wagtail-localize's own URLs (same paths), so these guarded views answer."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translations.SubmitPageTranslationView.as_view(),
            name="kpss_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            translations.SubmitSnippetTranslationView.as_view(),
            name="kpss_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translations.UpdateTranslationsView.as_view(),
            name="kpss_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translations.convert_to_alias,
            name="kpss_convert_to_alias",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            translations.SnippetsAPIViewSet.as_view({"get": "list"}),
            name="kpss_snippets_api_listing",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            translations.SnippetsAPIViewSet.as_view({"get": "retrieve"}),
            name="kpss_snippets_api_detail",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            translations.upload_pofile,
            name="kpss_upload_pofile",
        ),
        path(
            "localize/reports/translations/",
            translations.TranslationsReportView.as_view(),
            name="kpss_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            translations.TranslationsReportView.as_view(results_only=True),
            name="kpss_translations_report_results",
        ),
        path(
            "prehledy/zastarale-preklady/",
            translations.OutOfDateTranslationsView.as_view(),
            name="kpss_out_of_date_translations",
        ),
    ]


hooks.register("before_edit_page", translations.before_edit_page, order=-1)


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_reports_menu_item")
def out_of_date_translations_menu_item():
    return TranslatorMenuItem(
        _("Zastaralé překlady"),
        reverse("kpss_out_of_date_translations"),
        icon_name="site",
        order=9001,
    )


@hooks.register("construct_reports_menu")
def hide_translation_report(request, menu_items):
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        report_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report_url]


@hooks.register("register_gdpr_collectors")
def approval_collectors():
    from workflows.privacy import ApprovalCollector

    return [ApprovalCollector()]
