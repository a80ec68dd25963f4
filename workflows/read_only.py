"""Read-only admin access for the steering group (plan content) and auditors (everything).

Wagtail has no read-only page role: its draft preview, revision, comparison and history views all
require edit or publish rights. These subclasses accept `can_view()` instead (the `view_page`
permission, or the temporary access a reviewer has during a task), and the policy lets viewers
browse the page explorer. Nothing here grants a way to change anything.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from wagtail.admin.views.pages.history import (
    PageHistoryView,
    WorkflowHistoryDetailView,
    WorkflowHistoryView,
)
from wagtail.admin.views.pages.preview import ViewDraftView
from wagtail.admin.views.pages.revisions import RevisionsCompareView, RevisionsView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from workflows.drafts import DraftSafeExplorableIndexView
from workflows.editor import RouteCreateView, RouteEditView, RouteWorkflowActionView

# The action set Wagtail asks about when it means "may use the page explorer at all".
ANY_PAGE_PERMISSION = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


class KpssPagePermissionPolicy(PagePermissionPolicy):
    def user_has_any_permission(self, user, actions):
        if set(actions) == ANY_PAGE_PERMISSION:
            actions = {*actions, "view"}
        return super().user_has_any_permission(user, actions)

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if user.is_superuser:
            return pages
        view = self._get_permission_codenames({"view"})
        viewable = [
            perm.page
            for perm in self.get_cached_permissions_for_user(user)
            if perm.permission.codename in view
        ]
        return [*pages, *viewable]

    def explorable_instances(self, user):
        explorable = super().explorable_instances(user)
        if self._base_queryset_for_user(user) is not None:
            return explorable
        viewable = self.instances_user_has_permission_for(user, "view")
        for page in viewable:
            viewable |= Page.objects.ancestor_of(page)
        return (explorable | viewable).distinct()


def _viewable(page, user):
    if not page.permissions_for_user(user).can_view():
        raise PermissionDenied
    return page


class ReadOnlyViewDraftView(ViewDraftView):
    def dispatch(self, request, page_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_id).get_latest_revision_as_object()
        _viewable(page, request.user)
        preview_mode = request.GET.get("mode", page.default_preview_mode)
        if preview_mode not in dict(page.preview_modes):
            raise PermissionDenied
        return page.make_preview_request(request, preview_mode)


class ReadOnlyRevisionsView(RevisionsView):
    def get_object(self):
        return _viewable(get_object_or_404(Page, id=self.pk).specific, self.request.user)


class ReadOnlyRevisionsCompareView(RevisionsCompareView):
    def get_object(self, queryset=None):
        return _viewable(get_object_or_404(Page, id=self.pk).specific, self.request.user)


class ReadOnlyPageHistoryView(PageHistoryView):
    any_permission_required = ["add", "change", "delete", "view"]

    def get_object(self):
        return _viewable(get_object_or_404(self.model, id=self.pk).specific, self.request.user)


class ReadOnlyWorkflowHistoryView(WorkflowHistoryView):
    def dispatch(self, request, *args, **kwargs):
        _viewable(self.object, request.user)
        # Skip PageWorkflowHistoryViewMixin.dispatch, which insists on edit rights.
        return super(WorkflowHistoryView.__mro__[1], self).dispatch(request, *args, **kwargs)


class ReadOnlyWorkflowHistoryDetailView(WorkflowHistoryDetailView):
    def dispatch(self, request, *args, **kwargs):
        _viewable(self.object, request.user)
        return super(WorkflowHistoryDetailView.__mro__[1], self).dispatch(request, *args, **kwargs)


class KpssPageViewSet(PageViewSet):
    """Wagtail's page views, with the read-only ones open to viewers; the explorer does not
    name a parent page whose draft the user may not read; the editor and the review actions
    speak the route's language (workflows/editor.py)."""

    model = Page
    name = "kpss_pages_admin"
    index_view_class = DraftSafeExplorableIndexView
    view_draft_view_class = ReadOnlyViewDraftView
    revisions_view_class = ReadOnlyRevisionsView
    revisions_compare_view_class = ReadOnlyRevisionsCompareView
    history_view_class = ReadOnlyPageHistoryView
    workflow_history_view_class = ReadOnlyWorkflowHistoryView
    workflow_history_detail_view_class = ReadOnlyWorkflowHistoryDetailView
    add_view_class = RouteCreateView
    edit_view_class = RouteEditView
    workflow_action_view_class = RouteWorkflowActionView
