"""Unapproved drafts stay with those who may read them.

Wagtail's admin names pages by their draft title (`get_admin_display_title()`: a page's pending
title, or the title of a page never published) in choosers, the explorer, bulk-action and move
confirmations and the page-types report, to anyone who reaches those views, whether or not they
may read the draft (tests/test_admin_url_matrix.py found each of them). A page *discloses a draft*
to a user who may not view it (`KpssPagePermissionTester.can_view`) when it was never published
or its draft changes its title; such pages are left out of choosers and reports, and views that
would name them refuse. The public title of a live page is no secret and stays visible.

The same goes for records: a bulk action names its records only to those who hold some
permission on their model.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q

from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry

from kpss_pages.admin_guards import may_see_records
from workflows.permissions import KpssPagePermissionTester


def may_view(user, page):
    return KpssPagePermissionTester(user, page).can_view()


def discloses_draft(page, user):
    """True when naming `page` would show this user a draft they may not read."""
    pending = not page.live or (page.draft_title and page.draft_title != page.title)
    return bool(pending) and not may_view(user, page)


def viewable_pages(user):
    """Pages whose drafts the user may read (the queryset form of `may_view`)."""
    policy = policy_registry.get_by_type(Page)
    pages = policy.instances_user_has_any_permission_for(user, {"view", "change", "add", "publish"})
    if not user.is_active or user.is_superuser:
        return pages
    # Reviewers read what waits for their task (Task.user_can_access_editor); object_id is
    # text, which PostgreSQL will not compare with a page id.
    in_review = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("workflow_state__object_id", flat=True)
    )
    in_review = [int(pk) for pk in in_review]
    return Page.objects.filter(Q(pk__in=pages.values("pk")) | Q(pk__in=in_review))


def without_hidden_drafts(pages, user):
    """`pages` less those that would disclose a draft to `user`."""
    if user.is_superuser:
        return pages
    pending = Q(live=False) | (~Q(draft_title=F("title")) & ~Q(draft_title=""))
    hidden = Page.objects.filter(pending).exclude(pk__in=viewable_pages(user).values("pk"))
    # A list of ids: the chooser's search runs this filter in the search backend too.
    return pages.exclude(pk__in=list(hidden.values_list("pk", flat=True)))


def refuse_disclosure(user, objects):
    for obj in objects:
        if isinstance(obj, Page):
            if discloses_draft(obj, user):
                raise PermissionDenied
        elif not may_see_records(user, type(obj)):
            raise PermissionDenied


# --- Hooks (workflows/wagtail_hooks.py) ------------------------------------------------------


def page_chooser_queryset(pages, request):
    return without_hidden_drafts(pages, request.user)


def refuse_move(request, page, destination):
    """Wagtail's move confirmation names the page before any permission check."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


class DraftSafeExplorableIndexView(ExplorableIndexView):
    """The explorer heads its listing with the parent page's (draft) title."""

    def get(self, request, parent_page_id=None):
        if parent_page_id:
            parent = Page.objects.filter(pk=parent_page_id).first()
            if parent is not None and discloses_draft(parent, request.user):
                raise PermissionDenied
        return super().get(request, parent_page_id)


# --- Views without a hook: wrapped once at start-up (workflows/apps.py) -----------------------


def refusing_disclosed_parent(get):
    def wrapper(self, request, parent_page_id=None):
        if parent_page_id:
            parent = Page.objects.filter(pk=parent_page_id).first()
            if parent is not None and discloses_draft(parent, request.user):
                raise PermissionDenied
        return get(self, request, parent_page_id)

    return wrapper


def refusing_disclosed_pages(get):
    def wrapper(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        refuse_disclosure(request.user, Page.objects.filter(pk__in=ids))
        return get(self, request)

    return wrapper


def hiding_last_edited_drafts(decorate):
    def wrapper(self, page_types):
        page_types = decorate(self, page_types)
        for item in page_types:
            page = item.last_edited_page
            if page is not None and discloses_draft(page, self.request.user):
                item.last_edited_page = None
        return page_types

    return wrapper


def refusing_disclosed_objects(get_actionable_objects):
    def wrapper(self):
        objects, extra = get_actionable_objects(self)
        refuse_disclosure(self.request.user, [*objects, *extra.get("items_with_no_access", [])])
        return objects, extra

    return wrapper
