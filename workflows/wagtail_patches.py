"""Every change this project makes to Wagtail's own classes, in one place.

Hooks, viewsets and settings come first; these patches are for what Wagtail offers no way to
change. Each names the upstream issue it works around. They were written against Wagtail 8.0 and
the check below stops the project from starting on another version until each patch has been
read against the new code (and dropped where upstream fixed it).
"""

from django.core.exceptions import ImproperlyConfigured

import wagtail
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import PageLogEntryManager, WorkflowState

from workflows import drafts, reports
from workflows.permissions import user_can_cancel_workflow

WRITTEN_FOR = (8, 0)


def install():
    if tuple(wagtail.VERSION[:2]) != WRITTEN_FOR:
        written_for = ".".join(map(str, WRITTEN_FOR))
        raise ImproperlyConfigured(
            f"workflows/wagtail_patches.py was written for Wagtail {written_for}, this is "
            f"{wagtail.__version__}: check each patch against it first."
        )
    # Only the management team and administrators cancel a route; Wagtail lets the owner and
    # the current approvers cancel too (wagtail#11795).
    WorkflowState.user_can_cancel = user_can_cancel_workflow
    # Site history lists entries of every page the viewer may explore, ancestors included
    # (wagtail#9181): restricted roles see only what they may edit.
    PageLogEntryManager.viewable_by_user = reports.viewable_by_user
    # Admin views name pages by their draft title to anyone who reaches them
    # (workflows/drafts.py; found by tests/test_admin_url_matrix.py, no upstream fix yet):
    # the chooser's parent page heading and chosen-multiple titles,
    BrowseView.get = drafts.refusing_disclosed_parent(BrowseView.get)
    ChosenMultipleView.get = drafts.refusing_disclosed_pages(ChosenMultipleView.get)
    # the page-types report's last edited page of each type, site-wide,
    PageTypesUsageReportView.decorate_paginated_queryset = drafts.hiding_last_edited_drafts(
        PageTypesUsageReportView.decorate_paginated_queryset
    )
    # and bulk actions' confirmations, which list objects the user may not act on.
    BulkAction.get_actionable_objects = drafts.refusing_disclosed_objects(
        BulkAction.get_actionable_objects
    )
