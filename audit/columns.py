"""What every row of the audit list has: its columns, the actions and kinds it names, and the
SQL expressions that bring each source to them (audit/sources.py)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import (
    CharField,
    F,
    Func,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import registry as log_action_registry

from audit.models import RoleChange, SignInEvent

COLUMNS = (
    "e_time",
    "e_source",
    "e_row",
    "e_action",
    "e_user_id",
    "e_user",
    "e_username",
    "e_type",
    "e_object",
    "e_label",
    "e_detail",
    "e_ip",
)

SOURCE_KINDS = {
    "pages": _("Stránky"),
    "snippets": _("Úryvky a nastavení (log Wagtailu)"),
    "records": _("Záznamy (historie polí)"),
    "roles": _("Role a oprávnění"),
    "signins": _("Přihlášení"),
}

RECORD_ACTIONS = {
    "record.+": _("Záznam vytvořen"),
    "record.~": _("Záznam změněn"),
    "record.-": _("Záznam smazán"),
}
ROLE_ACTIONS = {f"role.{value}": label for value, label in RoleChange.Action.choices}
SIGNIN_ACTIONS = {f"signin.{value}": label for value, label in SignInEvent.Kind.choices}
OWN_ACTIONS = {**RECORD_ACTIONS, **ROLE_ACTIONS, **SIGNIN_ACTIONS}

LABEL_FIELDS = ("name", "page_title", "region_name", "title")


def action_label(action):
    if action in OWN_ACTIONS:
        return str(OWN_ACTIONS[action])
    # action_exists() loads the registry's actions; get_action_label() alone does not.
    if log_action_registry.action_exists(action):
        return str(log_action_registry.get_action_label(action))
    return action


def action_choices():
    """Kinds of action for the filter, grouped by where they are recorded."""
    return [
        (_("Stránky a úryvky"), list(log_action_registry.get_choices())),
        (_("Záznamy"), list(RECORD_ACTIONS.items())),
        (_("Role a oprávnění"), list(ROLE_ACTIONS.items())),
        (_("Přihlášení"), list(SIGNIN_ACTIONS.items())),
    ]


def text(value):
    return Value(value, output_field=TextField())


def as_text(expression):
    return Cast(expression, output_field=TextField())


def person(prefix):
    """'First Last' where the user has a name, else the username; empty without a user."""
    full = NullIf(
        Trim(Concat(F(f"{prefix}__first_name"), Value(" "), F(f"{prefix}__last_name"))),
        Value(""),
        output_field=CharField(),
    )
    return Coalesce(full, F(f"{prefix}__username"), text(""), output_field=TextField())


def username(prefix):
    """The user's username, so that two people of the same name can be told apart."""
    return Coalesce(F(f"{prefix}__username"), text(""), output_field=TextField())


class IPAddress(Func):
    """An inet column as plain text: '10.0.0.1', not the '10.0.0.1/32' of a PostgreSQL cast."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="HOST", **extra)

    def as_sql(self, compiler, connection, function=None, **extra):
        if function is None:
            sql, params = compiler.compile(self.source_expressions[0])
            return sql, params
        return super().as_sql(compiler, connection, function=function, **extra)


@dataclass
class Filters:
    """Cleaned filter values; every field optional."""

    user_id: int | None = None
    date_from: object = None
    date_to: object = None
    action: str = ""
    source_kind: str = ""
    object_type: str = ""
    object_id: str = ""

    def time_range(self):
        zone = timezone.get_current_timezone()
        start = end = None
        if self.date_from:
            start = timezone.make_aware(datetime.combine(self.date_from, time.min), zone)
        if self.date_to:
            end = timezone.make_aware(
                datetime.combine(self.date_to + timedelta(days=1), time.min), zone
            )
        return start, end
