"""Member records and the editorial record: history rows, revisions, log entries, approvals,
comments, authorship, and copies of the person's name or e-mail in content."""

import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst

from wagtail.fields import StreamField
from wagtail.models import Page

from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import registered_models
from simple_history.utils import get_history_model_for_model

from kpss_pages.models import Organisation, SiteSettings, WorkingGroupMember
from search.text import fold

from .base import (
    ERASED_REASON,
    Collector,
    UserCollector,
    content_type_column,
    member_pseudonym,
    model_key,
    rewrite,
    table,
    user_pseudonym,
)


class MembershipCollector(Collector):
    key = "clenstvi"
    label = "Členství v pracovních skupinách a jeho historie"
    fields = [
        "id",
        "working_group",
        "name",
        "organisation",
        "position",
        "triad_role",
        "is_manager",
        "email",
        "public_display",
        "consent_date",
        "consent_withdrawn_date",
        "sort_order",
    ]

    def export(self, person):
        if not person.members:
            return {}
        members = WorkingGroupMember.objects.filter(pk__in=person.member_ids).select_related(
            "working_group", "organisation"
        )
        History = get_history_model_for_model(WorkingGroupMember)
        history = History.objects.filter(id__in=person.member_ids).order_by("id", "history_date")
        history_fields = ["history_date", "history_type", "history_change_reason", *self.fields]
        return {
            model_key(WorkingGroupMember): table(members, self.fields),
            model_key(History): table(history, history_fields),
        }

    def erase(self, person, erasure):
        History = get_history_model_for_model(WorkingGroupMember)
        count = 0
        for member in WorkingGroupMember.objects.filter(pk__in=person.member_ids):
            pseudonym = member_pseudonym(member.pk)
            changed = {
                "name": pseudonym,
                "email": "",
                "position": "",
                "public_display": WorkingGroupMember.Display.HIDDEN,
            }
            if (
                any(getattr(member, name) != value for name, value in changed.items())
                or member.consent_withdrawn_date is None
            ):
                for name, value in changed.items():
                    setattr(member, name, value)
                member.consent_withdrawn_date = member.consent_withdrawn_date or timezone.localdate(
                    erasure.now
                )
                # The history row of this save records the erasure; the save stamps the
                # working-group pages in the page and front caches.
                member._change_reason = ERASED_REASON
                member._history_user = erasure.operator
                member.save()
                count += 1
            count += rewrite(
                History.objects.filter(id=member.pk), name=pseudonym, email="", position=""
            )
        return count


def _history_models():
    found = []
    for model in sorted(registered_models.values(), key=lambda m: m._meta.label):
        try:
            found.append(get_history_model_for_model(model))
        except NotHistoricalModelError:  # an m2m field's history table is registered too
            continue
    return found


class RecordHistoryCollector(UserCollector):
    key = "zmeny_zaznamu"
    label = "Změny záznamů provedené touto osobou (historie polí)"

    @property
    def user_relations(self):
        return [(model_key(History), "history_user") for History in _history_models()]

    def export_user(self, user, person):
        tables = {}
        for History in _history_models():
            rows = History.objects.filter(history_user=user).order_by("history_date")
            if not rows.exists():
                continue
            # What was changed and when; the values are other people's records.
            tables[model_key(History)] = table(
                rows,
                ["history_date", "history_type", "history_change_reason"],
                extra={"zaznam": ("ID záznamu", lambda row: row.id)},
            )
        return tables


class RevisionCollector(UserCollector):
    key = "revize"
    label = "Uložené verze obsahu (revize)"
    user_relations = [("wagtailcore.revision", "user")]

    def export_user(self, user, person):
        from wagtail.models import Revision

        revisions = Revision.objects.filter(user=user).order_by("created_at")
        object_fields = content_type_column()
        return {
            model_key(Revision): table(
                revisions,
                ["id", "object_id", "object_str", "created_at", "approved_go_live_at"],
                extra=object_fields,
            ),
        }


def _log_models():
    from wagtail.models import ModelLogEntry, PageLogEntry

    return [PageLogEntry, ModelLogEntry]


def _entries_about(user=None, member_ids=()):
    """Log entries whose subject is the account or the member records (their label is a copy
    of the name)."""
    from wagtail.models import ModelLogEntry

    about = Q(pk__in=[])
    if user:
        about |= Q(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            object_id=str(user.pk),
        )
    if member_ids:
        about |= Q(
            content_type=ContentType.objects.get_for_model(WorkingGroupMember),
            object_id__in=[str(pk) for pk in member_ids],
        )
    return ModelLogEntry.objects.filter(about)


class LogCollector(Collector):
    key = "udalosti"
    label = "Záznamy v logu Wagtailu: co osoba udělala a co se dělo s jejími údaji"
    user_relations = [("wagtailcore.pagelogentry", "user"), ("wagtailcore.modellogentry", "user")]
    fields = ["timestamp", "action", "label", "data"]
    labels = {"action": "Akce (kód)", "label": "Objekt", "data": "Podrobnosti"}
    extra = {
        **content_type_column(),
        # A page's entries keep its id after the page is deleted; the page itself is gone.
        "id_objektu": ("ID objektu", lambda row: getattr(row, "object_id", None) or row.page_id),
        "popis": ("Popis akce", lambda row: str(row.message)),
    }

    def export(self, person):
        tables = {}
        if person.user:
            for model in _log_models():
                rows = model.objects.filter(user=person.user).order_by("timestamp")
                tables[model_key(model)] = table(
                    rows, self.fields, labels=self.labels, extra=self.extra
                )
        about = _entries_about(person.user, person.member_ids).order_by("timestamp")
        tables["o_osobe"] = table(about, self.fields, labels=self.labels, extra=self.extra)
        tables["o_osobe"]["nazev"] = "Záznamy o účtu a členství osoby"
        return tables

    def erase(self, person, erasure):
        count = 0
        if person.user:
            about_user = _entries_about(user=person.user)
            count += rewrite(about_user, label=user_pseudonym(person.user.pk))
        for member in WorkingGroupMember.objects.filter(pk__in=person.member_ids):
            count += rewrite(_entries_about(member_ids=[member.pk]), label=str(member))
        return count


class CommentCollector(UserCollector):
    key = "komentare"
    label = "Komentáře v editoru a odběr upozornění na ně"
    user_relations = [
        ("wagtailcore.comment", "user"),
        ("wagtailcore.comment", "resolved_by"),
        ("wagtailcore.commentreply", "user"),
        ("wagtailcore.pagesubscription", "user"),
    ]

    def export_user(self, user, person):
        from wagtail.models import Comment, CommentReply, PageSubscription

        comments = Comment.objects.filter(Q(user=user) | Q(resolved_by=user)).select_related(
            "page", "user", "resolved_by"
        )
        return {
            model_key(Comment): table(
                comments.order_by("created_at"),
                ["id", "page", "user", "text", "created_at", "resolved_by", "resolved_at"],
            ),
            model_key(CommentReply): table(
                CommentReply.objects.filter(user=user).order_by("created_at"),
                ["id", "comment", "text", "created_at"],
            ),
            model_key(PageSubscription): table(
                PageSubscription.objects.filter(user=user).select_related("page"),
                ["page", "comment_notifications"],
            ),
        }

    def erase_user(self, user, person, erasure):
        from wagtail.models import PageSubscription

        # Comments are part of the editorial record and stay with the pseudonymous account.
        return PageSubscription.objects.filter(user=user).delete()[0]


class AuthorshipCollector(UserCollector):
    key = "obsah"
    label = "Stránky, dokumenty a obrázky, které osoba založila, nahrála nebo zamkla"
    user_relations = [
        ("wagtailcore.page", "owner"),
        ("wagtailcore.page", "locked_by"),
        ("wagtaildocs.document", "uploaded_by_user"),
        ("wagtailimages.image", "uploaded_by_user"),
        ("wagtailcore.uploadedfile", "uploaded_by_user"),
    ]

    def export_user(self, user, person):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import UploadedFile

        pages = Page.objects.filter(Q(owner=user) | Q(locked_by=user)).order_by("path")
        Document, Image = get_document_model(), get_image_model()
        return {
            model_key(Page): table(
                pages,
                ["id", "title", "first_published_at", "locked", "locked_at"],
                extra={
                    "zalozil_a": ("Založil(a)", lambda page: page.owner_id == user.pk),
                    "zamkl_a": ("Zamkl(a)", lambda page: page.locked_by_id == user.pk),
                },
            ),
            model_key(Document): table(
                Document.objects.filter(uploaded_by_user=user).order_by("created_at"),
                ["id", "title", "file", "created_at"],
            ),
            model_key(Image): table(
                Image.objects.filter(uploaded_by_user=user).order_by("created_at"),
                ["id", "title", "file", "created_at"],
            ),
            model_key(UploadedFile): table(
                UploadedFile.objects.filter(uploaded_by_user=user), ["id", "file"]
            ),
        }

    def erase_user(self, user, person, erasure):
        # A lock held by a deactivated account would block the page for good.
        return Page.objects.filter(locked_by=user).update(
            locked=False, locked_by=None, locked_at=None
        )


def _text_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | StreamField)
        and f.name not in ("path", "url_path", "content_type", "translation_key")
    ]


def _texts(obj):
    """Each text field of a record or page, as plain folded text."""
    for model_field in _text_fields(type(obj)):
        value = getattr(obj, model_field.name, None)
        if isinstance(model_field, StreamField):
            value = json.dumps(value.get_prep_value(), ensure_ascii=False, cls=DjangoJSONEncoder)
        if value:
            yield model_field, fold(str(value))


class MentionsCollector(Collector):
    """Copies of the person's full name or e-mail in content: pages (live and drafts),
    organisations' contacts and the site's contact settings. Erasing does not rewrite them:
    published content changes only through the approval route, and a contact needs a new one;
    `kpss_gdpr_erase` lists them for the editors."""

    key = "zminky"
    label = "Zmínky jménem nebo e-mailem v obsahu webu a v kontaktech"

    def _matches(self, obj, person):
        needles = [fold(text) for text in [*person.names, *person.emails]]
        return [
            capfirst(str(model_field.verbose_name))
            for model_field, text in _texts(obj)
            if any(needle in text for needle in needles)
        ]

    def found(self, person):
        if not person.names and not person.emails:
            return []
        found = []
        for page in Page.objects.specific().order_by("path"):
            versions = [("zveřejněná verze" if page.live else "uložená verze", page)]
            if page.has_unpublished_changes:
                versions.append(("rozpracovaná verze", page.get_latest_revision_as_object()))
            for state, version in versions:
                fields = self._matches(version, person)
                if fields:
                    found.append(
                        self._row(page, fields, state=state, url=page.url if page.live else None)
                    )
        for model in (Organisation, SiteSettings):
            for obj in model.objects.order_by("pk"):
                fields = self._matches(obj, person)
                if fields:
                    found.append(self._row(obj, fields))
        return found

    @staticmethod
    def _row(obj, fields, state="", url=None):
        return {
            "typ": capfirst(str(obj._meta.verbose_name)),
            "id": obj.pk,
            "nazev": str(obj),
            "verze": state,
            "adresa": url,
            "pole": fields,
        }

    def export(self, person):
        return {
            "vyskyty": {
                "nazev": "Výskyty jména nebo e-mailu",
                "pole": {
                    "typ": "Typ obsahu",
                    "id": "ID",
                    "nazev": "Název",
                    "verze": "Verze stránky",
                    "adresa": "Adresa na webu",
                    "pole": "Pole, ve kterých se vyskytuje",
                },
                "zaznamy": self.found(person),
            }
        }
