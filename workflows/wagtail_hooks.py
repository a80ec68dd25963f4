from wagtail import hooks

from workflows.panels import replace_workflow_panels
from workflows.read_only import KpssPageViewSet


@hooks.register("register_admin_viewset")
def register_page_views():
    # Registered after Wagtail's base page viewset (order -1), so it serves all page types.
    return KpssPageViewSet()


hooks.register("construct_homepage_panels", replace_workflow_panels)
