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

from workflows.translations.approval import before_edit_page, editor_context, submit_for_approval
from workflows.translations.out_of_date import (
    OutOfDateTranslationsView,
    SnippetsAPIViewSet,
    TranslationsReportView,
)
from workflows.translations.requests import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from workflows.translations.sync import UpdateTranslationsView, convert_to_alias, upload_pofile

__all__ = [
    "OutOfDateTranslationsView",
    "SnippetsAPIViewSet",
    "SubmitPageTranslationView",
    "SubmitSnippetTranslationView",
    "TranslationsReportView",
    "UpdateTranslationsView",
    "before_edit_page",
    "convert_to_alias",
    "editor_context",
    "submit_for_approval",
    "upload_pofile",
]
