"""Translations take the approval route of their source (wagtail-localize#676).

Out of the box wagtail-localize lets a translator go live without any review: its editor offers
save and publish only, its sync form can publish every translation at once, converting a
translation to an alias copies the source's latest (possibly unapproved) draft onto the page,
and saving a draft of a live translation writes the page row, i.e. the public content. Here:

- publishing a translation directly (editor, sync form, convert to alias, a whole subtree)
  needs publish permission, which no role holds (roles.withhold_publishing): administrators only;
- "Odeslat ke schválení" in the translation editor stores the translation as a draft revision
  only (the live version stays untouched) and starts the page's workflow, which is its source's
  (roles.mirror_translation), so an English chapter passes the same MT -> NS route; a returned
  translation shows who returned it and why, and is resubmitted where it was returned;
- a translation is requested only by someone who may edit the source, into a configured
  language, and below a parent that is already translated (or that they may edit as well);
- a translation whose source changed after it was last synced is shown as out of date.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, WorkflowState
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    SourceDeletedError,
    Translation,
    TranslationSource,
)
from wagtail_localize.views import (
    convert,
    edit_translation,
    report,
    snippets_api,
    submit_translations,
    update_translations,
)

import polib

from workflows import outcomes
from workflows.drafts import discloses_draft, may_see_records, viewable_pages

SUBMIT_FIELD = "kpss-submit-translation"


class RefusalView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "workflows/translations/refused.html"
    page_title = gettext_lazy("Akce odmítnuta")
    header_icon = "warning"
    message = ""
    status = 403

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "message": self.message}

    def render_to_response(self, context, **kwargs):
        return super().render_to_response(context, status=self.status, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


def refuse(request, message, status=403):
    """A refusal the user can read, in the admin's layout; nothing is saved."""
    return RefusalView.as_view(message=message, status=status)(request)


def can_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.is_superuser


def can_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user_can_edit_snippet_type(user, type(instance))


def configured_locales():
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return Locale.objects.filter(language_code__in=codes)


# --- Out of date -------------------------------------------------------------------------------


def source_changed_at(instance):
    """When the source's content last changed in a way a sync would take over."""
    if isinstance(instance, Page):
        return instance.last_published_at  # sync takes the published source only (#823)
    history = getattr(instance, "history", None)
    if history is not None:
        latest = history.order_by("-history_date").only("history_date").first()
        return latest.history_date if latest else None
    return None


def is_out_of_date(source, instance=None):
    """True when the source changed after its content was last extracted for translation."""
    try:
        instance = instance or source.get_source_instance()
    except (ObjectDoesNotExist, SourceDeletedError):
        return False
    changed = source_changed_at(instance)
    return bool(changed and changed > source.last_updated_at)


def out_of_date_translations():
    """(source, source instance, enabled translations) for every source that changed since sync."""
    rows = []
    sources = TranslationSource.objects.filter(translations__enabled=True).distinct()
    for source in sources.select_related("locale", "specific_content_type"):
        try:
            instance = source.get_source_instance()
        except (ObjectDoesNotExist, SourceDeletedError):
            continue
        if is_out_of_date(source, instance):
            translations = source.translations.filter(enabled=True).select_related("target_locale")
            rows.append((source, instance, list(translations)))
    return rows


class OutOfDateTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    """Translations whose Czech source was published (or saved) after their last sync."""

    template_name = "workflows/translations/out_of_date.html"
    page_title = gettext_lazy("Zastaralé překlady")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = []
        for source, instance, translations in out_of_date_translations():
            if not can_edit(user, instance):
                continue
            rows.append(
                {
                    "source": source,
                    "instance": instance,
                    "translations": translations,
                    "changed_at": source_changed_at(instance),
                    "sync_url": reverse("wagtail_localize:update_translations", args=[source.pk]),
                }
            )
        context["rows"] = rows
        return context


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's report lists every translation with its title: translators only, and
    only translations they may read (a translated page's draft, a record type they may edit)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        translations = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return translations
        page_type = ContentType.objects.get_for_model(Page)
        readable_pages = viewable_pages(user).filter(
            translation_key=OuterRef("source__object_id"), locale=OuterRef("target_locale")
        )
        editable_types = [
            content_type.pk
            for content_type in ContentType.objects.filter(
                pk__in=translations.values("source__object__content_type")
            ).exclude(pk=page_type.pk)
            if (model := content_type.model_class()) and user_can_edit_snippet_type(user, model)
        ]
        return translations.filter(
            (Q(source__object__content_type=page_type) & Exists(readable_pages))
            | Q(source__object__content_type__in=editable_types)
        )


class SnippetsAPIViewSet(snippets_api.SnippetViewSet):
    """wagtail-localize's snippet lookup (title and edit link of any record of any snippet
    type) for those who hold some permission on the type; members are personal data."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not may_see_records(request.user, self.get_model()):
            raise PermissionDenied


# --- Requesting a translation ------------------------------------------------------------------


class TranslationRequestForm(submit_translations.SubmitTranslationForm):
    """wagtail-localize's form with Czech refusals and configured languages only."""

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        field = self.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=configured_locales())
        message = _(
            "Jazyk %(value)s není na webu nastaven, nebo do něj už tato položka přeložena je."
        )
        field.error_messages.update(
            invalid_choice=message,
            invalid_pk_value=message.replace("%(value)s", "%(pk)s"),
            required=_("Vyberte alespoň jeden jazyk překladu."),
        )


class GuardedSubmission:
    """Edit rights on what is translated (and on parents that would be created with it)."""

    def get_form(self):
        if self.request.method == "POST":
            return TranslationRequestForm(self.object, self.request.POST)
        form = TranslationRequestForm(self.object)
        code = self.request.GET.get("select_locale")
        if code:
            locale = form.fields["locales"].queryset.filter(language_code=code).first()
            if locale:
                form.initial = {"locales": [locale]}
            else:
                messages.error(
                    self.request,
                    _("Jazyk „%(code)s“ není na webu nastaven, nebo do něj už přeloženo je.")
                    % {"code": code},
                )
        return form

    def refusal(self, request):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            return refuse(request, _("Nemáte oprávnění zadávat překlady."))
        self.object = self.get_object()
        message = self.refusal(request)
        if message:
            return refuse(request, message)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, **kwargs):
        form = self.get_form()
        if form.is_valid():
            message = self.refusal_for(request, form.cleaned_data)
            if message:
                return refuse(request, message)
        return super().post(request, **kwargs)

    def refusal_for(self, request, data):
        return None


class SubmitPageTranslationView(GuardedSubmission, submit_translations.SubmitPageTranslationView):
    def refusal(self, request):
        if not can_edit(request.user, self.object):
            if discloses_draft(self.object, request.user):
                return _("Tuto stránku nemůžete upravovat, a proto ani zadat její překlad.")
            return _("Stránku „%(title)s“ nemůžete upravovat, a proto ani zadat její překlad.") % {
                "title": self.object.get_admin_display_title()
            }
        return None

    def refusal_for(self, request, data):
        user = request.user
        page = self.object
        for locale in data["locales"]:
            if page.get_translations().filter(locale=locale).exists():
                return _("Stránka už v jazyce %(locale)s existuje.") % {
                    "locale": locale.get_display_name()
                }
            # Parents missing in the target language would be created along with the page.
            for ancestor in page.get_ancestors()[1:]:
                if ancestor.get_translations().filter(locale=locale).exists():
                    continue
                if not can_edit(user, ancestor.specific):
                    return _(
                        "Nadřazená stránka „%(parent)s“ ještě není přeložena do jazyka "
                        "%(locale)s a vy ji nemůžete upravovat. Požádejte o její překlad "
                        "manažerský tým."
                    ) % {"parent": ancestor.title, "locale": locale.get_display_name()}
        if data.get("include_subtree") and not user.is_superuser:
            # Translating a subtree saves over existing translations of every descendant.
            return _("Překlad celého podstromu mohou zadat jen správci webu.")
        return None


class SubmitSnippetTranslationView(
    GuardedSubmission, submit_translations.SubmitSnippetTranslationView
):
    def refusal(self, request):
        if not can_edit(request.user, self.object):
            return _("Tuto položku nemůžete upravovat, a proto ani zadat její překlad.")
        return None


# --- Syncing and aliases -----------------------------------------------------------------------


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """Sync takes the published source; publishing every translation with it needs publish
    permission on each one."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            return refuse(request, _("Nemáte oprávnění synchronizovat překlady."))
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"])
        try:
            instance = source.get_source_instance()
        except (ObjectDoesNotExist, SourceDeletedError):
            return refuse(request, _("Zdroj překladu už neexistuje."), status=404)
        if not can_edit(request.user, instance):
            return refuse(
                request, _("Zdroj tohoto překladu nemůžete upravovat, a proto ani synchronizovat.")
            )
        if request.method == "POST" and request.POST.get("publish_translations"):
            targets = [
                translation.get_target_instance()
                for translation in source.translations.filter(enabled=True)
            ]
            if not all(can_publish(request.user, target) for target in targets):
                return refuse(
                    request,
                    _(
                        "Překlady nemůžete zveřejnit přímo. Synchronizujte je bez zveřejnění "
                        "a odešlete je ke schválení z editoru překladu."
                    ),
                )
        return super().dispatch(request, *args, **kwargs)


def convert_to_alias(request, page_id):
    """An alias copies the source's latest revision, which may be an unapproved draft."""
    page = get_object_or_404(Page, id=page_id).specific
    if request.method == "POST" and not can_publish(request.user, page):
        return refuse(
            request,
            _(
                "Převést překlad na alias mohou jen správci webu: alias by zveřejnil obsah, "
                "který neprošel schválením."
            ),
        )
    return convert.convert_to_alias(request, page_id)


PO_FILE_MAX_BYTES = 5 * 1024 * 1024


def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload answered a request without a file, or a PO file without its
    translation's ID, with a server error; here each gets a Czech message and nothing changes."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not edit_translation.user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    problem = po_file_problem(request.FILES.get("file"), translation)
    if problem:
        messages.error(request, problem)
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    request.FILES["file"].seek(0)
    return edit_translation.upload_pofile(request, translation_id)


def po_file_problem(upload, translation):
    """A Czech message when `upload` is not a PO file exported for `translation`, else None."""
    if upload is None:
        return _("Vyberte soubor PO s překladem.")
    if upload.size > PO_FILE_MAX_BYTES:
        return _("Soubor PO je příliš velký (nejvýše 5 MB).")
    try:
        po = polib.pofile(upload.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return _("Soubor není platný soubor PO v kódování UTF-8.")
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        return _(
            "Soubor PO nepatří k tomuto překladu: stáhněte soubor PO z editoru tohoto překladu "
            "a nahrajte jej zpět."
        )
    return None


# --- Submitting a translation for approval -----------------------------------------------------


def enabled_translation(instance):
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def submission_problem(page, user, translation):
    """Why the translation cannot be submitted now, or None."""
    if translation is None:
        return _("Tato stránka není rozpracovaný překlad.")
    if page.get_workflow() is None:
        return _("Pro tuto stránku není nastaven schvalovací postup. Obraťte se na správce webu.")
    if page.workflow_in_progress:
        return _("Překlad už čeká na schválení.")
    if page.locked and page.locked_by_id != user.pk:
        return _("Stránka je zamčená jiným uživatelem.")
    total, done = translation.get_progress()
    if done < total:
        return _(
            "Překlad není úplný: přeloženo %(done)d z %(total)d textů. Doplňte chybějící "
            "texty a odešlete jej znovu."
        ) % {"done": done, "total": total}
    return None


def field_label(instance, name):
    try:
        return instance._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name


def submit_for_approval(request, page):
    """Store the translation as a draft revision and start the page's workflow."""
    translation = enabled_translation(page)
    problem = submission_problem(page, request.user, translation)
    if problem:
        messages.error(request, problem)
        return redirect("wagtailadmin_pages:edit", page.pk)
    try:
        with transaction.atomic():
            # In memory only: the page row (the live version) stays as it is until approval.
            draft = translation.source.get_ephemeral_translated_instance(
                translation.target_locale, fallback=False
            )
            # As wagtail-localize does on save: a translated slug may need cleaning.
            draft.slug = find_available_slug(
                draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
            )
            draft.save_revision(user=request.user)
            page = Page.objects.get(pk=page.pk).specific
            workflow_state = page.current_workflow_state
            resumed = bool(
                workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
            )
            if resumed:
                # Returned for changes: the route resumes at the step that returned it.
                workflow_state.resume(request.user)
            else:
                page.get_workflow().start(page, request.user)
    except (MissingTranslationError, MissingRelatedObjectError):
        messages.error(
            request,
            _(
                "Překlad nelze odeslat: chybí překlad některého textu nebo související položky "
                "(např. druhu služby)."
            ),
        )
    except ValidationError as error:
        details = "; ".join(
            " ".join(errors)
            if field == "__all__"
            else f"{field_label(page, field)}: {' '.join(errors)}"
            for field, errors in error.message_dict.items()
        )
        messages.error(request, _("Překlad nelze odeslat: %(details)s") % {"details": details})
    else:
        messages.success(request, outcomes.translation_submitted(page, resumed=resumed))
    return redirect("wagtailadmin_pages:edit", page.pk)


def before_edit_page(request, page):
    """Hooked before wagtail-localize's editor; Wagtail has checked edit permission already."""
    if request.method == "POST" and SUBMIT_FIELD in request.POST:
        return submit_for_approval(request, page)
    publishing = request.method == "POST" and request.POST.get("action") == "publish"
    if publishing and not can_publish(request.user, page) and enabled_translation(page):
        return refuse(
            request,
            _(
                "Překlad nemůžete zveřejnit přímo. Odešlete jej ke schválení; "
                "zveřejní se po schválení stejným postupem jako jeho zdroj."
            ),
        )
    return None


def editor_context(page, user):
    """What the translation editor's banner shows about the route and the source."""
    translation = enabled_translation(page)
    if translation is None:
        return {}
    total, done = translation.get_progress()
    workflow_state = page.current_workflow_state
    return {
        "translation": translation,
        "total": total,
        "done": done,
        "workflow": page.get_workflow(),
        "workflow_state": workflow_state,
        "returned": outcomes.returned_notice(workflow_state),
        "out_of_date": is_out_of_date(translation.source),
        "sync_url": reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        "problem": submission_problem(page, user, translation),
        "submit_field": SUBMIT_FIELD,
    }
