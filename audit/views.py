"""Field-level history of a record (who, when, old -> new), readable after the record is deleted."""

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

CHANGE_TYPES = {"+": _("vytvořeno"), "~": _("změněno"), "-": _("smazáno")}


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
        return super().get_context_data(entries=entries, model=self.model, **kwargs)
