"""The content's own bookkeeping on publication: the measures' links to services follow the
chapters' published revisions (kpss_pages/models/service_links.py)."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from kpss_pages.models import CommunityPlanPage, PlanChapterPage, sync_service_links


@receiver(page_published, sender=PlanChapterPage)
@receiver(page_unpublished, sender=PlanChapterPage)
def chapter_links_follow(sender, instance, **kwargs):
    plan = CommunityPlanPage.objects.filter(pk=instance.get_parent().pk).first()
    if plan is not None:
        sync_service_links(plan)


@receiver(page_published, sender=CommunityPlanPage)
def plan_links_follow(sender, instance, **kwargs):
    sync_service_links(instance)


@receiver(post_page_move, sender=PlanChapterPage)
def moved_chapter_links_follow(sender, instance, parent_page_before, parent_page_after, **kwargs):
    for parent in (parent_page_before, parent_page_after):
        plan = CommunityPlanPage.objects.filter(pk=parent.pk).first()
        if plan is not None:
            sync_service_links(plan)
