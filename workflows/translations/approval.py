"""Submitting a translation for approval from wagtail-localize's editor."""

from django.contrib import messages
from django.core.exceptions import (
    FieldDoesNotExist,
    ValidationError,
)
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    Translation,
)

from workflows import outcomes
from workflows.translations.access import SUBMIT_FIELD, can_publish, refuse
from workflows.translations.out_of_date import is_out_of_date


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
