"""Wagtail's site-history report lists page log entries of every page the viewer may *explore*,
ancestors included (wagtail#9181). Working-group managers and providers must see only the history
of content they may edit; the management team, auditors and administrators see everything.
"""

from wagtail.models import Page, PageLogEntryManager
from wagtail.permissions import policy_registry

from workflows.roles import AUDITOR, MANAGEMENT_TEAM

# Wagtail's own rule, kept before workflows/wagtail_patches.py replaces it.
WAGTAIL_VIEWABLE_BY_USER = PageLogEntryManager.viewable_by_user


def sees_all_history(user):
    return user.is_superuser or user.groups.filter(name__in=[MANAGEMENT_TEAM, AUDITOR]).exists()


def viewable_by_user(manager, user):
    entries = WAGTAIL_VIEWABLE_BY_USER(manager, user)
    if sees_all_history(user):
        return entries
    editable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, {"add", "change"}
    )
    return entries.filter(page__in=editable.values("pk"))
