from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from caching import page_cache
from evidence.models import NeedsAnalysisPage, Territory
from evidence.roles import assign_analysis_workflow


@receiver(post_save, sender=NeedsAnalysisPage)
def analysis_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        assign_analysis_workflow(instance)


@receiver(m2m_changed, sender=Territory.members.through)
def members_changed(sender, instance, action, **kwargs):
    # A microregion's municipalities are what its analysis page sums.
    if action.startswith("post_"):
        page_cache.invalidate({page_cache.model_tag(Territory)})
