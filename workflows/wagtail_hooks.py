from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from workflows.models import ApprovalRecord
from workflows.panels import replace_workflow_panels
from workflows.read_only import KpssPageViewSet


@hooks.register("register_admin_viewset")
def register_page_views():
    # Registered after Wagtail's base page viewset (order -1), so it serves all page types.
    return KpssPageViewSet()


hooks.register("construct_homepage_panels", replace_workflow_panels)


class ApprovalRecordViewSet(ModelViewSet):
    """The full approval record of every published revision; read-only for everyone."""

    form_fields = ["comment"]  # required by ModelViewSet; the policy refuses every edit

    model = ApprovalRecord
    icon = "tasks"
    menu_label = _("Záznamy o schválení")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "page_title",
        "task_name",
        "approver_name",
        "approved_at",
        "resolution_number",
        "meeting_date",
    ]
    list_filter = ["task_name", "approved_at"]
    search_fields = ["page_title", "resolution_number", "approver_name", "comment"]
    inspect_view_fields = [
        "page_title",
        "revision",
        "step",
        "task_name",
        "approver_name",
        "approved_at",
        "comment",
        "resolution_number",
        "meeting_date",
        "published_at",
    ]
    ordering = ["-published_at", "step"]


@hooks.register("register_admin_viewset")
def register_approval_records():
    return ApprovalRecordViewSet("schvalovani")
