from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Monitoring rounds: yearly reports on each measure, reviewed by the management team, and
    the evaluation of the year approved by the steering group and published."""

    name = "monitoring"
    verbose_name = "Monitoring plnění"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kpss_pages.models import CommunityPlanPage

        # The plan knows nothing of monitoring; its evaluations are placed under it from here.
        if "monitoring.EvaluationIndexPage" not in CommunityPlanPage.subpage_types:
            CommunityPlanPage.subpage_types = [
                *CommunityPlanPage.subpage_types,
                "monitoring.EvaluationIndexPage",
            ]
