"""Keep roles, permissions and workflows in step with content."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage

from kpss_pages.models import (
    CommunityPlanPage,
    Organisation,
    PlanChapterPage,
    ServicePage,
    WorkingGroupPage,
)
from workflows import review, roles


def _is_source(page):
    """Roles follow the source pages; translations share their source's group."""
    return page.locale_id == Locale.get_default().pk


def _content_saved(update_fields, *fields):
    """Roles follow the stored page: a full save (creation, publishing) or one that writes the
    fields a role follows. save_revision() writes only draft bookkeeping, and a draft's title or
    assignment must change no role before it is approved."""
    return update_fields is None or bool(set(update_fields) & set(fields))


# A role follows the page it answers for, once stored: (the field it follows, the sync).
ROLE_FOLLOWS = {
    WorkingGroupPage: ("title", "sync_working_group"),
    PlanChapterPage: ("working_group", "sync_chapter"),
    ServicePage: ("provider", "sync_service"),
}


def role_follows_page(sender, instance, raw=False, update_fields=None, **kwargs):
    field, sync = ROLE_FOLLOWS[sender]
    if not raw and _is_source(instance) and _content_saved(update_fields, field):
        getattr(roles, sync)(instance)


for _model in ROLE_FOLLOWS:
    post_save.connect(
        role_follows_page, sender=_model, dispatch_uid=f"role-follows-{_model._meta.label}"
    )


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        roles.sync_organisation(instance)


@receiver(post_save, sender=CommunityPlanPage)
def plan_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        roles.assign_plan_workflow(instance)


# Translations share their source's permissions and workflow (roles.mirror_translation).


@receiver(post_save)
def translation_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and not _is_source(instance):
        roles.mirror_translation(instance)


@receiver(post_save, sender=GroupPagePermission)
@receiver(post_delete, sender=GroupPagePermission)
@receiver(post_save, sender=WorkflowPage)
@receiver(post_delete, sender=WorkflowPage)
def source_access_changed(sender, instance, raw=False, origin=None, **kwargs):
    # Rows deleted with their page go with it; its translations keep what they have.
    if not raw and not isinstance(origin, Page):
        roles.mirror_to_translations(instance.page_id)


@receiver(post_save)
def restart_review_after_edit(sender, instance, update_fields=None, **kwargs):
    """Every new revision of a page, however saved (editor, autosave, translation editor):
    Page.save_revision() ends by storing the revision as the page's latest."""
    if isinstance(instance, Page) and update_fields and "latest_revision" in update_fields:
        review.restart_review_after_edit(instance, instance.latest_revision)
