from django.db.models.signals import post_save
from django.dispatch import receiver

from evidence.models import NeedsAnalysisPage
from evidence.roles import assign_analysis_workflow


@receiver(post_save, sender=NeedsAnalysisPage)
def analysis_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        assign_analysis_workflow(instance)
