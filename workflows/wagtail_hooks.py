from wagtail import hooks

from workflows.read_only import KpssPageViewSet


@hooks.register("register_admin_viewset")
def register_page_views():
    # Registered after Wagtail's base page viewset (order -1), so it serves all page types.
    return KpssPageViewSet()
