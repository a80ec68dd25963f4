"""Syncing translations, converting them to aliases and uploading PO files: never publishing."""

from django.contrib import messages
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
)
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import (
    SourceDeletedError,
    Translation,
    TranslationSource,
)
from wagtail_localize.views import (
    convert,
    edit_translation,
    update_translations,
)

import polib

from workflows.translations.access import can_edit, can_publish, refuse


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
