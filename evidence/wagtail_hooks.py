from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet

from evidence.models import ImportRun, PopulationFigure, Territory
from kpss_pages.wagtail_hooks import RecordViewSet


class TerritoryViewSet(RecordViewSet):
    model = Territory
    icon = "site"
    menu_label = _("Území")
    list_display = ["name", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    search_backend_name = None


class ReadOnlyViewSet(ModelViewSet):
    """Rows that only an importer writes: listed and inspected, never added or edited here."""

    inspect_view_enabled = True
    WRITING_VIEWS = ["add", "edit", "delete", "history", "usage"]

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{f"{name}_url_name": None for name in self.WRITING_VIEWS}, **kwargs
        )


class ImportRunViewSet(ReadOnlyViewSet):
    model = ImportRun
    name = "evidence_importrun"
    url_prefix = "podklady/nacteni-dat"
    icon = "download"
    menu_label = _("Načtení dat")
    list_display = ["started", "kind", "file_name", "user", "status", "summary"]
    list_filter = ["kind", "status"]
    inspect_view_fields = [
        "kind",
        "user",
        "started",
        "finished",
        "file_name",
        "digest",
        "status",
        "summary",
        "report",
    ]


class PopulationViewSet(ReadOnlyViewSet):
    model = PopulationFigure
    name = "evidence_population"
    url_prefix = "podklady/obyvatelstvo"
    icon = "table"
    menu_label = _("Počty obyvatel")
    list_display = ["territory", "year", "sex", "age_code", "value", "dataset"]
    list_filter = ["year", "sex", "territory__kind"]


class EvidenceGroup(ViewSetGroup):
    menu_label = _("Podklady plánu")
    menu_icon = "table"
    menu_order = 270
    items = (PopulationViewSet, ImportRunViewSet)


register_snippet(TerritoryViewSet)


@hooks.register("register_admin_viewset")
def evidence_viewsets():
    return EvidenceGroup()


@hooks.register("register_log_actions")
def evidence_log_actions(actions):
    actions.register_action(
        "kpss.evidence.import", _("Načtení dat"), _("Data načtena z otevřených dat")
    )
