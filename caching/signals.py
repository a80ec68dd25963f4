"""Stamp what a change affects, so no cached response or fragment outlives it
(see caching/page_cache.py)."""

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from caching import page_cache


@receiver(post_init)
def note_loaded_instance(sender, instance, **kwargs):
    page_cache.note_instance(sender, instance)


@receiver(page_published)
def stamp_published_page(sender, instance, **kwargs):
    # Descendants show this page only through their breadcrumbs, which note it as a dependency;
    # a new slug (their URLs) is handled below. Publishing the home page clears no more than it.
    page_cache.invalidate_pages([instance])


@receiver(page_slug_changed)
@receiver(page_unpublished)
def stamp_page_and_subtree(sender, instance, **kwargs):
    # A new slug changes the URLs of the whole subtree, wherever they are linked from;
    # unpublishing takes the subtree off the site.
    page_cache.invalidate_pages([instance], with_descendants=True)


@receiver(pre_page_move)
def stamp_page_leaving(sender, instance, **kwargs):
    # Before the move: the old parent's listing and the old URLs of the subtree.
    page_cache.invalidate_pages([instance], with_descendants=True)


@receiver(post_page_move)
def stamp_page_arriving(sender, instance, **kwargs):
    page_cache.invalidate_pages([instance], with_descendants=True)


@receiver(post_delete)
def stamp_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # Its parent may already be gone too; stamp by the ids the instance still holds.
        page_cache.invalidate(
            {
                page_cache.page_tag(instance.pk),
                page_cache.model_tag(type(instance)),
                *page_cache.parent_tags(instance),
            }
        )
    else:
        stamp_record(sender, instance)


@receiver(post_save)
def stamp_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw:
        return
    if not isinstance(instance, Page):
        stamp_record(sender, instance)
    elif created and instance.alias_of_id:
        # An alias shares its source's view restrictions (page_cache.restricted_paths).
        page_cache.invalidate({page_cache.ALL})


def stamp_record(model, instance):
    label = model._meta.label_lower
    if label in page_cache.SITE_WIDE_MODELS:
        page_cache.invalidate({page_cache.ALL})
    elif page_cache.is_watched(model):
        tags = {page_cache.object_tag(model, instance.pk), page_cache.model_tag(model)}
        page_field = page_cache.RECORD_PAGES.get(label)
        if page_field and getattr(instance, page_field, None):
            tags.add(page_cache.page_tag(getattr(instance, page_field)))
        page_cache.invalidate(tags)
