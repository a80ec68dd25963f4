"""Field-level history of a record (who, when, old -> new), readable after the record is deleted;
the audit area merging every log; the kept revisions of deleted pages."""

import csv
import json
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import Echo
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, PageLogEntry

from audit.columns import COLUMNS, action_label
from audit.filters import AuditFilterSet
from audit.models import ArchivedRevision
from audit.sources import audit_entries, type_label
from kpss_pages.spreadsheets import (
    BOM,
    FORMULA_STARTS,
    SEMICOLON,
    csv_delimiter,
    spreadsheet_text,
)

CHANGE_TYPES = {
    "+": gettext_lazy("vytvořeno"),
    "~": gettext_lazy("změněno"),
    "-": gettext_lazy("smazáno"),
}


def may_read_history(user, model):
    """Anyone who may view or change records of this type (auditors, the management team)."""
    opts = model._meta
    return user.is_active and (
        user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


class RecordHistoryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/record_history.html"
    header_icon = "history"

    def dispatch(self, request, app_label, model_name, pk):
        try:
            self.model = apps.get_model(app_label, model_name)
        except LookupError as error:
            raise Http404 from error
        if not hasattr(self.model, "history"):
            raise Http404
        if not may_read_history(request.user, self.model):
            raise PermissionDenied
        history_model = self.model.history.model
        pk_field = self.model._meta.pk
        try:
            pk = pk_field.to_python(pk)
        except ValidationError as error:
            raise Http404 from error
        self.rows = list(
            history_model.objects.filter(**{pk_field.attname: pk})
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        if not self.rows:
            raise Http404
        return super().dispatch(request)

    def get_page_title(self):
        return _("Historie změn: %s") % str(self.rows[-1].instance)

    def get_context_data(self, **kwargs):
        fields = {f.attname: f for f in self.model._meta.concrete_fields}
        entries, previous = [], None
        for row in self.rows:
            changes = []
            if previous is not None:
                for change in row.diff_against(previous).changes:
                    field = fields.get(change.field) or self.model._meta.get_field(change.field)
                    changes.append(
                        {"field": field.verbose_name, "old": change.old, "new": change.new}
                    )
            entries.append(
                {
                    "row": row,
                    "type": CHANGE_TYPES.get(row.history_type, row.history_type),
                    "who": row.history_user.get_username() if row.history_user else _("systém"),
                    "changes": changes,
                }
            )
            previous = row
        entries.reverse()
        # The name, not the class: a template calls a callable (the model would be instantiated
        # empty, and a member's __str__ fails without its working group).
        return super().get_context_data(
            entries=entries, model=self.model._meta.verbose_name, **kwargs
        )


# --- The audit area --------------------------------------------------------------------------


def may_read_audit(user):
    return user.is_active and user.has_perm("audit.view_audit_log")


PAGE_SIZES = {"25", "50", "100", "200"}
# The exports test a cell's first character inline: a call per cell costs a third more time.
FORMULA_FIRST = "".join(FORMULA_STARTS)


def xlsx_text(sheet, value):
    """openpyxl stores a string starting with "=" as a formula: keep the text text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


class AuditView(ReportView):
    """Everything on record, newest first: pages, records, roles and sign-ins."""

    page_title = gettext_lazy("Audit")
    header_icon = "history"
    results_template_name = "audit/audit_results.html"
    filterset_class = AuditFilterSet
    index_url_name = "kpss_audit"
    index_results_url_name = "kpss_audit_results"
    paginate_by = 50
    list_export = [
        "e_time",
        "e_user",
        "e_username",
        "e_action_label",
        "e_action",
        "e_type_label",
        "e_type",
        "e_object",
        "e_label",
        "e_detail",
        "e_ip",
    ]
    export_headings = {
        "e_time": gettext_lazy("Čas"),
        "e_user": gettext_lazy("Kdo"),
        "e_username": gettext_lazy("Uživatelské jméno"),
        "e_action_label": gettext_lazy("Akce"),
        "e_action": gettext_lazy("Kód akce"),
        "e_type_label": gettext_lazy("Typ objektu"),
        "e_type": gettext_lazy("Kód typu"),
        "e_object": gettext_lazy("ID objektu"),
        "e_label": gettext_lazy("Objekt"),
        "e_detail": gettext_lazy("Podrobnosti"),
        "e_ip": gettext_lazy("IP adresa"),
    }
    # Columns holding text someone typed (names, titles, comments); the others come from code.
    free_text = ("e_user", "e_username", "e_object", "e_label", "e_detail")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.delimiter_error:
            self.is_export = False  # the list as it is, with the reason no file was made

    def dispatch(self, request, *args, **kwargs):
        if not may_read_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        if self.is_export:
            return None
        size = self.request.GET.get("na_strance", "")
        return int(size) if size in PAGE_SIZES else self.paginate_by

    def get_filename(self):
        return f"audit-{timezone.localdate().isoformat()}"

    @cached_property
    def delimiter_error(self):
        """For a CSV export: the message about an unknown ?oddelovac=, else ''."""
        if self.request.GET.get("export") != self.FORMAT_CSV:
            return ""
        try:
            csv_delimiter(self.request, default=SEMICOLON)
        except ValidationError as error:
            return error.messages[0]
        return ""

    @cached_property
    def filter_errors(self):
        filters = self.filters
        return filters is not None and filters.is_bound and not filters.is_valid()

    def get_filtered_queryset(self):
        if self.filter_errors:
            # Never fall back to the unfiltered list: an export would hold rows nobody asked for.
            return PageLogEntry.objects.none()
        return audit_entries(self.filters.cleaned())

    def export_values(self, queryset):
        """Rows in list_export order. The export loops are written out (rather than Wagtail's
        per-cell preprocessing) so that 100,000 rows stream in about a second."""
        zone = timezone.get_current_timezone()
        actions, types = {}, {}
        # Tuples, not dicts: a third less work per row on a full export.
        rows = queryset.values_list(*COLUMNS).iterator(chunk_size=2000)
        for (
            moment,
            _src,
            _row,
            action,
            _uid,
            user,
            username,
            object_type,
            object_id,
            label,
            detail,
            ip,
        ) in rows:
            if action not in actions:
                actions[action] = action_label(action)
            if object_type not in types:
                types[object_type] = type_label(object_type)
            yield [
                moment.astimezone(zone),
                user,
                username,
                actions[action],
                action,
                types[object_type],
                object_type,
                object_id,
                label,
                detail,
                ip or "",
            ]

    def free_text_indexes(self):
        return [self.list_export.index(name) for name in self.free_text]

    def headings(self, queryset):
        return [self.get_heading(queryset, field) for field in self.list_export]

    def stream_csv(self, queryset):
        """UTF-8 with a BOM and `;` unless ?oddelovac=carka: auditors open it in Czech Excel."""
        writer = csv.writer(Echo(), delimiter=csv_delimiter(self.request, default=SEMICOLON))
        yield BOM.encode() + writer.writerow(self.headings(queryset))
        free_text = self.free_text_indexes()
        chunk = []
        for row in self.export_values(queryset):
            row[0] = row[0].isoformat(sep=" ", timespec="seconds")[:19]
            for index in free_text:
                if row[index] and row[index][0] in FORMULA_FIRST:
                    row[index] = spreadsheet_text(row[index])
            chunk.append(writer.writerow(row))
            if len(chunk) == 1000:
                yield b"".join(chunk)
                chunk = []
        yield b"".join(chunk)

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            self.stream_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        sheet = workbook.create_sheet(title="Audit")
        sheet.append(self.headings(queryset))
        free_text = self.free_text_indexes()
        for row in self.export_values(queryset):
            row[0] = row[0].replace(tzinfo=None)
            for index in free_text:
                if row[index] and row[index][0] == "=":
                    row[index] = xlsx_text(sheet, row[index])
            sheet.append(row)
        workbook.save(output)

    def render_to_response(self, context, **response_kwargs):
        if self.delimiter_error:
            response_kwargs["status"] = 400
            messages.error(self.request, self.delimiter_error)
        if self.filter_errors:
            context["object_list"] = []
            response_kwargs["status"] = 400
            if self.is_export:
                self.is_export = False
                messages.error(
                    self.request,
                    _("Export nelze vytvořit, dokud filtr obsahuje chyby. Opravte je níže."),
                )
        return super().render_to_response(context, **response_kwargs)

    def decorate_paginated_queryset(self, object_list):
        if self.is_export:
            return object_list
        rows = [dict(row) for row in object_list]
        page_ids = {int(r["e_object"]) for r in rows if r["e_type"] == "wagtailcore.page"}
        live_pages = set(Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
        for row in rows:
            row["action_label"] = action_label(row["e_action"])
            row["type_label"] = type_label(row["e_type"])
            row["object_url"] = self.object_url(row, live_pages)
            if row["e_object"]:
                params = self.request.GET.copy()
                for key in ("p", "export", "_w_filter_fragment"):
                    params.pop(key, None)
                params["objekt"] = f"{row['e_type']}:{row['e_object']}"
                row["filter_url"] = f"{self.index_url}?{params.urlencode()}"
        return rows

    def object_url(self, row, live_pages):
        object_type, object_id = row["e_type"], row["e_object"]
        if not object_id:
            return ""
        if object_type == "wagtailcore.page":
            if int(object_id) in live_pages:
                return reverse("wagtailadmin_pages:history", args=(object_id,))
            return reverse("kpss_archived_revisions", args=("wagtailcore", "page", object_id))
        app_label, _dot, model_name = object_type.partition(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return ""
        if hasattr(model, "history"):
            return reverse("kpss_record_history", args=(app_label, model_name, object_id))
        return ""

    def get_context_data(self, *args, **kwargs):
        if self.is_export and not self.filter_errors:
            # The listing context would count the rows by loading them all (len(object_list)).
            return {"object_list": self.object_list}
        context = super().get_context_data(*args, **kwargs)
        context["filter_errors"] = self.filter_errors
        params = self.request.GET.copy()
        params.pop("p", None)
        sizes = []
        for size in sorted(PAGE_SIZES, key=int):
            params["na_strance"] = size
            sizes.append((size, f"{self.index_url}?{params.urlencode()}"))
        context["page_sizes"] = sizes
        context["page_size"] = str(self.get_paginate_by(None))
        return context


class ArchivedRevisionsView(WagtailAdminTemplateMixin, TemplateView):
    """Every version of a deleted page (or other revisioned object), kept by audit.signals."""

    template_name = "audit/archived_revisions.html"
    header_icon = "history"

    def dispatch(self, request, app_label, model_name, pk):
        if not may_read_audit(request.user):
            raise PermissionDenied
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError as error:
            raise Http404 from error
        base = ContentType.objects.get_for_model(model._meta.concrete_model)
        self.revisions = list(
            ArchivedRevision.objects.filter(
                Q(base_content_type=base) | Q(content_type=base), object_id=pk
            ).order_by("-created_at", "-revision_id")
        )
        self.object_id = pk
        self.type = f"{app_label}.{model_name}"
        if not self.revisions:
            raise Http404
        return super().dispatch(request)

    def get_page_title(self):
        return _("Revize smazaného objektu: %s") % self.revisions[0].object_str

    def get_context_data(self, **kwargs):
        for revision in self.revisions:
            revision.pretty = json.dumps(revision.content, ensure_ascii=False, indent=2)
        audit_url = (
            reverse("kpss_audit") + "?" + urlencode({"objekt": f"{self.type}:{self.object_id}"})
        )
        return super().get_context_data(revisions=self.revisions, audit_url=audit_url, **kwargs)
