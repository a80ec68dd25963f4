from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    """Public consultation (připomínkování) of a draft plan and the settlement of its comments."""

    name = "consultation"
    verbose_name = "Připomínkování"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from consultation import signals
        from consultation.access import CommentPermissionPolicy
        from consultation.models import Comment
        from kpss_pages.models import ActionPlanPage, CommunityPlanPage

        register_permission_policy(Comment, CommentPermissionPolicy(Comment))
        signals.connect()

        # The plans know nothing of consultations; a consultation is placed under them from here.
        for parent in (CommunityPlanPage, ActionPlanPage):
            if "consultation.ConsultationPage" not in parent.subpage_types:
                parent.subpage_types = [*parent.subpage_types, "consultation.ConsultationPage"]
