"""Who a person is, how their rows read in an export, and what a collector is."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from kpss_pages.models import WorkingGroupMember

ERASED_ACTION = "kpss.gdpr_erase"
# Also the change reason of the member's history row (simple-history keeps 100 characters).
ERASED_REASON = "Osobní údaje vymazány na žádost subjektu údajů"


class PersonError(Exception):
    """The identifier names nobody, or more than one person."""


def user_pseudonym(user_id):
    return f"vymazany-uzivatel-{user_id}"


def member_pseudonym(member_id):
    return f"Vymazaná osoba #{member_id}"


@dataclass
class Person:
    """The account and member records of one person, with what identified them at the start
    (names and e-mails are searched for in copies even after the records are pseudonymised)."""

    user: models.Model | None = None
    members: list = field(default_factory=list)
    # E-mail addresses of someone known only by what they sent (a consultation's comments).
    senders: list = field(default_factory=list)

    def __post_init__(self):
        user = self.user
        self.username = user.get_username() if user else ""
        names = {member.name for member in self.members}
        emails = {member.email for member in self.members} | set(self.senders)
        if user:
            names.add(user.get_full_name())
            emails.add(user.email)
        # A single word ("Jana") would match half the site; only full names are searched for.
        self.names = sorted(name.strip() for name in names if len(name.split()) >= 2)
        self.emails = sorted({email.strip().lower() for email in emails if email.strip()})

    @property
    def member_ids(self):
        return [member.pk for member in self.members]

    def describe(self):
        parts = []
        if self.user:
            parts.append(f"účet „{self.username}“ (ID {self.user.pk})")
        parts.extend(f"člen „{m.name}“ (ID {m.pk}, {m.working_group.title})" for m in self.members)
        parts.extend(f"odesílatel „{email}“" for email in self.senders)
        return ", ".join(parts)


def find_user(identifier):
    identifier = (identifier or "").strip()
    if not identifier:
        raise PersonError("Zadejte uživatelské jméno nebo e-mail účtu.")
    User = get_user_model()
    found = User.objects.filter(**{User.USERNAME_FIELD: identifier})
    if "@" in identifier:
        found = found | User.objects.filter(email__iexact=identifier)
    found = list(found.distinct().order_by("pk"))
    if not found:
        raise PersonError(f"Uživatelský účet „{identifier}“ neexistuje.")
    if len(found) > 1:
        names = ", ".join(user.get_username() for user in found)
        raise PersonError(
            f"„{identifier}“ odpovídá více účtům ({names}); zadejte uživatelské jméno."
        )
    return found[0]


def find_members(identifier):
    identifier = (identifier or "").strip()
    members = WorkingGroupMember.objects.select_related("working_group", "organisation")
    if identifier.isdigit():
        found = list(members.filter(pk=int(identifier)))
        if not found:
            raise PersonError(f"Člen pracovní skupiny s ID {identifier} neexistuje.")
        return found
    if "@" not in identifier:
        raise PersonError("Člena zadejte číslem ID nebo e-mailem.")
    found = list(members.filter(email__iexact=identifier).order_by("pk"))
    if not found:
        raise PersonError(f"Žádný člen pracovní skupiny nemá e-mail „{identifier}“.")
    # One person may sit in several groups; one address shared by different people may not
    # be resolved by guessing.
    if len({member.name.strip().casefold() for member in found}) > 1:
        ids = ", ".join(str(member.pk) for member in found)
        raise PersonError(
            f"E-mail „{identifier}“ mají členové s různými jmény (ID {ids}); zadejte ID člena."
        )
    return found


def find_senders(identifiers):
    senders = []
    for identifier in identifiers:
        identifier = (identifier or "").strip().lower()
        if "@" not in identifier:
            raise PersonError(f"Odesílatele zadejte e-mailem, ne „{identifier}“.")
        senders.append(identifier)
    return sorted(set(senders))


def find_person(user=None, members=(), senders=()):
    if not user and not members and not senders:
        raise PersonError(
            "Zadejte osobu: --user (jméno nebo e-mail účtu), --member (ID nebo e-mail člena) "
            "nebo --sender (e-mail, z něhož přišly připomínky)."
        )
    found = {}
    for identifier in members:
        found.update((member.pk, member) for member in find_members(identifier))
    return Person(
        user=find_user(user) if user else None,
        members=[found[pk] for pk in sorted(found)],
        senders=find_senders(senders),
    )


def _value(obj, model_field):
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        return None if related is None else str(related)
    value = model_field.value_from_object(obj)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


# Czech names for fields whose models (Wagtail's, simple-history's) have none, or an English one.
LABELS = {
    "history_date": "Čas změny",
    "history_type": "Druh změny",
    "history_change_reason": "Důvod změny",
    "history_user": "Změnil(a)",
    "created": "Vytvořeno",
    "created_at": "Vytvořeno",
    "timestamp": "Čas",
    "object_id": "ID objektu",
    "object_str": "Název objektu",
    "approved_go_live_at": "Naplánované zveřejnění",
    "workflow": "Schvalovací postup",
    "task": "Krok",
    "status": "Stav",
    "started_at": "Zahájeno",
    "finished_at": "Dokončeno",
    "comment": "Komentář",
    "text": "Text",
    "page": "Stránka",
    "user": "Uživatel",
    "resolved_by": "Vyřešil(a)",
    "resolved_at": "Vyřešeno",
    "comment_notifications": "Upozornění na komentáře",
    "title": "Název",
    "file": "Soubor",
    "first_published_at": "Poprvé zveřejněno",
    "locked": "Zamčeno",
    "locked_at": "Zamčeno od",
    "last_seen_at": "Naposledy aktivní",
    "is_editing": "Upravuje",
    "last_updated_at": "Naposledy uloženo",
    "prefix": "Začátek tokenu",
    "last_used_at": "Naposledy použit",
    "revoked_at": "Zneplatněn",
    "expire_date": "Platnost do",
}


def table(items, fields, *, model=None, labels=None, extra=None):
    """Rows of one model: ``pole`` names each key in Czech, ``zaznamy`` holds the values.

    ``labels`` names fields in this table only; ``extra`` maps further keys to (label,
    function of the row)."""
    model = model or items.model
    labels, extra = labels or {}, extra or {}
    model_fields = [model._meta.get_field(name) for name in fields]
    legend = {
        f.name: labels.get(f.name) or LABELS.get(f.name) or capfirst(str(f.verbose_name))
        for f in model_fields
    }
    legend |= {key: label for key, (label, _getter) in extra.items()}
    rows = []
    for obj in items:
        row = {f.name: _value(obj, f) for f in model_fields}
        row |= {key: getter(obj) for key, (_label, getter) in extra.items()}
        rows.append(row)
    # simple-history's models name themselves "historical …" in English.
    recorded = getattr(model, "instance_type", None)
    name = (
        f"Historie: {recorded._meta.verbose_name_plural}"
        if recorded
        else capfirst(str(model._meta.verbose_name_plural))
    )
    return {"nazev": name, "pole": legend, "zaznamy": rows}


def object_type(content_type_id):
    content_type = ContentType.objects.get_for_id(content_type_id) if content_type_id else None
    model = content_type.model_class() if content_type else None
    return capfirst(str(model._meta.verbose_name)) if model else None


def content_type_column(field="content_type_id"):
    """The extra column naming each row's content type, for `table(extra=...)`."""
    return {"typ": ("Typ obsahu", lambda row: object_type(getattr(row, field)))}


def rewrite(queryset, **values):
    """Set copies of a person's data to their pseudonym; returns the rows that changed.

    Audit rows are insert-only (audit/models.py) and this is the one change they allow: the
    row, its time, its action and its link to the account stay as they were."""
    return models.QuerySet.update(queryset.exclude(**values), **values)


@dataclass
class Erasure:
    """Who carries out an erasure, and when."""

    operator: models.Model | None
    now: datetime = field(default_factory=timezone.now)


class Collector:
    """A source of personal data. ``export`` returns tables (see ``table``) keyed by model;
    ``erase`` erases or pseudonymises the person there and returns how many rows changed.
    ``user_relations`` lists the ("app.model", "field") relations to the user model it covers."""

    key = ""
    label = ""
    user_relations = ()

    def export(self, person):
        return {}

    def erase(self, person, erasure):
        return 0


def model_key(model):
    return model._meta.label_lower


class UserCollector(Collector):
    """A source that holds data only about accounts: a person known only as a member record has
    none here. Subclasses implement ``export_user`` and ``erase_user``."""

    def export(self, person):
        return self.export_user(person.user, person) if person.user else {}

    def erase(self, person, erasure):
        return self.erase_user(person.user, person, erasure) if person.user else 0

    def export_user(self, user, person):
        return {}

    def erase_user(self, user, person, erasure):
        return 0
