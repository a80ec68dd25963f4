"""The audit list: one chronological list over every log the site keeps.

Each source (Wagtail's page and model log entries, every simple-history table, role changes and
sign-ins) becomes a ``values()`` queryset with the same columns, filtered on its own indexed
columns, and the branches are joined with ``UNION ALL``. Rows carry everything the list and the
export show, so a page of results costs one query however long it is (plus one for the count).
This extends the pattern of Wagtail's own site-history report (LogEntriesView), which merges only
Wagtail's log models.
"""

from django.apps import apps
from django.db.models import (
    Case,
    F,
    IntegerField,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Concat, NullIf

from wagtail.models import ModelLogEntry, PageLogEntry

from simple_history.models import registered_models

from audit.columns import (
    COLUMNS,
    LABEL_FIELDS,
    OWN_ACTIONS,
    RECORD_ACTIONS,
    ROLE_ACTIONS,
    SIGNIN_ACTIONS,
    IPAddress,
    as_text,
    person,
    text,
    username,
)
from audit.models import RoleChange, SignInEvent


class Source:
    """One log table as a branch of the union."""

    kind = ""
    time_field = ""
    user_field = ""

    def __init__(self, index):
        self.index = index

    def base(self):
        raise NotImplementedError

    def columns(self):
        raise NotImplementedError

    def filter_action(self, queryset, action):
        """Narrow to one kind of action, or None when this source never records it."""
        raise NotImplementedError

    def filter_object(self, queryset, object_type, object_id):
        return None

    def queryset(self, filters):
        if filters.source_kind and filters.source_kind != self.kind:
            return None
        queryset = self.base()
        if filters.user_id:
            queryset = queryset.filter(**{f"{self.user_field}_id": filters.user_id})
        start, end = filters.time_range()
        if start:
            queryset = queryset.filter(**{f"{self.time_field}__gte": start})
        if end:
            queryset = queryset.filter(**{f"{self.time_field}__lt": end})
        if filters.action:
            queryset = self.filter_action(queryset, filters.action)
            if queryset is None:
                return None
        if filters.object_type:
            queryset = self.filter_object(queryset, filters.object_type, filters.object_id)
            if queryset is None:
                return None
        columns = self.columns()
        columns["e_time"] = F(self.time_field)
        columns["e_source"] = Value(self.index, output_field=IntegerField())
        columns["e_user_id"] = F(f"{self.user_field}_id")
        # Same annotations in the same order in every branch, so the UNION columns line up.
        return (
            queryset.order_by()
            .annotate(**{name: columns[name] for name in COLUMNS})
            .values(*COLUMNS)
        )


class WagtailLogSource(Source):
    time_field = "timestamp"
    user_field = "user"

    def filter_action(self, queryset, action):
        if action in OWN_ACTIONS:
            return None
        return queryset.filter(action=action)

    def common(self):
        return {
            "e_row": F("pk"),
            "e_action": F("action"),
            "e_user": person("user"),
            "e_username": username("user"),
            "e_label": as_text(F("label")),
            "e_detail": Coalesce(
                KeyTextTransform("comment", "data"), text(""), output_field=TextField()
            ),
            "e_ip": Value(None, output_field=TextField()),
        }


class PageLogSource(WagtailLogSource):
    kind = "pages"

    def base(self):
        return PageLogEntry.objects.all()

    def columns(self):
        return {
            **self.common(),
            "e_type": text("wagtailcore.page"),
            "e_object": as_text(F("page_id")),
        }

    def filter_object(self, queryset, object_type, object_id):
        if object_type != "wagtailcore.page" or not object_id.isdigit():
            return None
        return queryset.filter(page_id=int(object_id))


class ModelLogSource(WagtailLogSource):
    kind = "snippets"

    def base(self):
        return ModelLogEntry.objects.all()

    def columns(self):
        return {
            **self.common(),
            "e_type": Concat(
                F("content_type__app_label"),
                Value("."),
                F("content_type__model"),
                output_field=TextField(),
            ),
            "e_object": as_text(F("object_id")),
        }

    def filter_object(self, queryset, object_type, object_id):
        app_label, _, model_name = object_type.partition(".")
        return queryset.filter(
            content_type__app_label=app_label,
            content_type__model=model_name,
            object_id=object_id,
        )


class RecordHistorySource(Source):
    """The simple-history table of one model: field-level history of business records."""

    kind = "records"
    time_field = "history_date"
    user_field = "history_user"

    def __init__(self, index, model):
        super().__init__(index)
        self.model = model
        self.type = model._meta.label_lower
        self.pk_name = model._meta.pk.attname
        names = {field.name for field in model._meta.concrete_fields}
        self.label_field = next((name for name in LABEL_FIELDS if name in names), self.pk_name)

    def base(self):
        return self.model.history.all()

    def columns(self):
        return {
            "e_row": F("history_id"),
            "e_action": Concat(Value("record."), F("history_type"), output_field=TextField()),
            "e_user": person("history_user"),
            "e_username": username("history_user"),
            "e_type": text(self.type),
            "e_object": as_text(F(self.pk_name)),
            "e_label": as_text(F(self.label_field)),
            "e_detail": Coalesce(F("history_change_reason"), text(""), output_field=TextField()),
            "e_ip": Value(None, output_field=TextField()),
        }

    def filter_action(self, queryset, action):
        if action not in RECORD_ACTIONS:
            return None
        return queryset.filter(history_type=action.removeprefix("record."))

    def filter_object(self, queryset, object_type, object_id):
        if object_type != self.type:
            return None
        try:
            pk = self.model._meta.pk.to_python(object_id)
        except Exception:  # noqa: BLE001 -- any unparsable id simply matches nothing
            return None
        return queryset.filter(**{self.pk_name: pk})


class RoleChangeSource(Source):
    kind = "roles"
    time_field = "created_at"
    user_field = "actor"

    def base(self):
        return RoleChange.objects.all()

    def columns(self):
        return {
            "e_row": F("pk"),
            "e_action": Concat(Value("role."), F("action"), output_field=TextField()),
            "e_user": Coalesce(
                NullIf(person("actor"), text("")), F("actor_name"), output_field=TextField()
            ),
            # actor_name keeps the username of a deleted actor; "systém" (audit.signals) is
            # no one's username.
            "e_username": Coalesce(
                F("actor__username"),
                NullIf(F("actor_name"), text("systém")),
                text(""),
                output_field=TextField(),
            ),
            "e_type": Case(When(user_name="", then=text("auth.group")), default=text("auth.user")),
            "e_object": Coalesce(as_text(F("user_id")), text(""), output_field=TextField()),
            "e_label": Case(
                When(user_name="", then=F("group_name")),
                default=F("user_name"),
                output_field=TextField(),
            ),
            "e_detail": Case(
                When(user_name="", then=F("detail")),
                default=Concat(F("group_name"), Value(" "), F("detail"), output_field=TextField()),
                output_field=TextField(),
            ),
            "e_ip": IPAddress(F("ip_address")),
        }

    def filter_action(self, queryset, action):
        if action not in ROLE_ACTIONS:
            return None
        return queryset.filter(action=action.removeprefix("role."))

    def filter_object(self, queryset, object_type, object_id):
        if object_type != "auth.user" or not object_id.isdigit():
            return None
        return queryset.filter(user_id=int(object_id))


class SignInSource(Source):
    kind = "signins"
    time_field = "created_at"
    user_field = "actor"

    def base(self):
        return SignInEvent.objects.all()

    def columns(self):
        return {
            "e_row": F("pk"),
            "e_action": Concat(Value("signin."), F("kind"), output_field=TextField()),
            "e_user": Coalesce(
                NullIf(person("actor"), text("")), F("username"), output_field=TextField()
            ),
            "e_username": Coalesce(F("actor__username"), F("username"), output_field=TextField()),
            "e_type": text("auth.user"),
            "e_object": Coalesce(as_text(F("actor_id")), text(""), output_field=TextField()),
            "e_label": as_text(F("username")),
            "e_detail": as_text(F("user_agent")),
            "e_ip": IPAddress(F("ip_address")),
        }

    def filter_action(self, queryset, action):
        if action not in SIGNIN_ACTIONS:
            return None
        return queryset.filter(kind=action.removeprefix("signin."))

    def filter_object(self, queryset, object_type, object_id):
        if object_type != "auth.user" or not object_id.isdigit():
            return None
        return queryset.filter(actor_id=int(object_id))


def sources():
    classes = [PageLogSource, ModelLogSource]
    found = [cls(index) for index, cls in enumerate(classes)]
    for model in sorted(registered_models.values(), key=lambda m: m._meta.label):
        # A many-to-many field's history (a report's documents) has no manager of its own:
        # its rows belong to the historical record of the model that holds the field.
        if hasattr(model, "history"):
            found.append(RecordHistorySource(len(found), model))
    for cls in (RoleChangeSource, SignInSource):
        found.append(cls(len(found)))
    return found


def audit_entries(filters):
    """The filtered, merged list, newest first (a lazy UNION ALL queryset of dicts)."""
    branches = [qs for source in sources() if (qs := source.queryset(filters)) is not None]
    if not branches:
        return PageLogEntry.objects.none().values(*COLUMNS)
    first, *rest = branches
    merged = first.union(*rest, all=True) if rest else first
    return merged.order_by("-e_time", "-e_source", "-e_row")


def type_label(object_type):
    app_label, _, model_name = object_type.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)
