"""The registry of collectors; export and erasure of a person (see the package's docstring)."""

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation

from wagtail import hooks
from wagtail.log_actions import log

from kpss_pages.models import WorkingGroupMember

from .accounts import (
    AccountCollector,
    ProfileCollector,
    WorkInProgressCollector,
)
from .base import (
    ERASED_ACTION,
    ERASED_REASON,
    Collector,
    Erasure,
    Person,
    PersonError,
    UserCollector,
    find_person,
    member_pseudonym,
    model_key,
    table,
    user_pseudonym,
)
from .records import (
    AuthorshipCollector,
    CommentCollector,
    LogCollector,
    MembershipCollector,
    MentionsCollector,
    RecordHistoryCollector,
    RevisionCollector,
)

HOOK = "register_gdpr_collectors"
# Field names never exported: credentials and their digests.
SECRET_FIELDS = ("password", "secret", "key", "token", "hash")


BUILT_IN = [
    AccountCollector(),
    ProfileCollector(),
    MembershipCollector(),
    RecordHistoryCollector(),
    RevisionCollector(),
    LogCollector(),
    CommentCollector(),
    AuthorshipCollector(),
    WorkInProgressCollector(),
    MentionsCollector(),
]


def user_relations():
    """Every (model, field) that points at the user model, each counted once (a page type's
    owner is wagtailcore.page's)."""
    User = get_user_model()
    return [
        (model, model_field)
        for model in apps.get_models()
        for model_field in model._meta.concrete_fields
        if model_field.is_relation
        and model_field.related_model is User
        and model_field.model is model
    ]


class OtherReferencesCollector(UserCollector):
    """Rows of any other model that points at the account: an app that stores personal data
    should register a collector of its own (with an erase step), but nothing stays unexported."""

    key = "ostatni"
    label = "Další záznamy odkazující na účet"

    def __init__(self, covered):
        self.covered = covered

    def export_user(self, user, person):
        tables = {}
        for model, model_field in user_relations():
            if (model_key(model), model_field.name) in self.covered:
                continue
            rows = model._default_manager.filter(**{model_field.name: user})
            if not rows.exists():
                continue
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if not any(secret in f.name for secret in SECRET_FIELDS)
            ]
            key = f"{model_key(model)}.{model_field.name}"
            tables[key] = table(rows.order_by("pk"), fields, model=model)
        return tables


def collectors():
    found = [*BUILT_IN]
    for register in hooks.get_hooks(HOOK):
        found.extend(register())
    covered = {relation for collector in found for relation in collector.user_relations}
    return [*found, OtherReferencesCollector(covered)]


def export(person):
    """Everything stored about the person, as a JSON-ready dict with Czech labels."""
    with translation.override("cs"):
        sections = {}
        for collector in collectors():
            sections[collector.key] = {
                "nazev": collector.label,
                "tabulky": {key: t for key, t in collector.export(person).items() if t["zaznamy"]},
            }
        return {
            "export_osobnich_udaju": {
                "vytvoreno": timezone.localtime(),
                "osoba": person.describe(),
                "ucet_id": person.user.pk if person.user else None,
                "clenove_id": person.member_ids,
                "popis": (
                    "Všechny údaje, které portál KPSS o osobě uchovává (čl. 15 a 20 GDPR). "
                    "Každý oddíl je jeden zdroj údajů, každá tabulka uvádí v „pole“ význam "
                    "klíčů svých záznamů; oddíly popisuje docs/gdpr.md."
                ),
            },
            "oddily": sections,
        }


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)


@transaction.atomic
def erase(person, operator=None):
    """Erase or pseudonymise the person everywhere, in one transaction; returns the rows
    changed per source and the mentions left for editors. Nothing changed, nothing is
    recorded, so a second run is harmless."""
    erasure = Erasure(operator=operator)
    counts = {}
    for collector in collectors():
        changed = collector.erase(person, erasure)
        if changed:
            counts[collector.key] = changed
    if counts:
        data = {"duvod": ERASED_REASON, "zmenene_zaznamy": counts}
        if person.user:
            log(person.user, ERASED_ACTION, user=operator, data=data)
        for member in WorkingGroupMember.objects.filter(pk__in=person.member_ids):
            log(member, ERASED_ACTION, user=operator, data=data)
    return counts, MentionsCollector().found(person)


__all__ = [
    "ERASED_ACTION",
    "HOOK",
    "Collector",
    "Person",
    "PersonError",
    "collectors",
    "dumps",
    "erase",
    "export",
    "find_person",
    "member_pseudonym",
    "table",
    "user_pseudonym",
]
