"""E-mail along the approval route, in Czech, each with a direct link to the screen to act on.

Replaces Wagtail's workflow mails, which miss earlier approvers on rejection (wagtail#10196), drop
the comment of "approve with comment" (wagtail#7542) and skip task types with their own task state.
Mails are sent after the transaction commits, so a refused action sends nothing.
"""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_approved,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

WAGTAIL_HANDLERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


_muted = threading.local()


@contextmanager
def muted():
    """No mail for actions replayed by a command (e.g. the demo's sample approvals)."""
    _muted.active = True
    try:
        yield
    finally:
        _muted.active = False


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _recipients(users, exclude=None):
    return sorted({u.email for u in users if u and u.is_active and u.email and u != exclude})


def send_after_commit(template, context, recipients):
    """Mail `template` ("app/mail/name": name_subject.txt and name.txt) in Czech to
    `recipients` once the transaction commits; nothing while muted."""
    if not recipients or getattr(_muted, "active", False):
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))


def _send(template, context, recipients):
    send_after_commit(f"workflows/mail/{template}", context, recipients)


def _context(task_state, user):
    page = task_state.workflow_state.content_object.specific
    return {
        "page": page,
        "task": task_state.task,
        "task_state": task_state,
        "workflow": task_state.workflow_state.workflow,
        "actor": user,
        "requested_by": task_state.workflow_state.requested_by,
        "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
        "comment": task_state.comment,
    }


def on_task_submitted(sender, instance, user=None, **kwargs):
    """The members of the group whose task is next get the review link."""
    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return
    members = get_user_model().objects.filter(groups__in=groups.all()).distinct()
    _send("review_requested", _context(instance, user), _recipients(members, exclude=user))


def on_task_approved(sender, instance, user=None, **kwargs):
    """The author learns each step's approval, with the reviewer's comment."""
    requested_by = instance.workflow_state.requested_by
    _send("step_approved", _context(instance, user), _recipients([requested_by], exclude=user))


def on_task_rejected(sender, instance, user=None, **kwargs):
    """The author and everyone who approved an earlier step learn it was returned, and why."""
    workflow_state = instance.workflow_state
    earlier_approvers = [
        state.finished_by
        for state in workflow_state.task_states.filter(
            status=TaskState.STATUS_APPROVED
        ).select_related("finished_by")
    ]
    recipients = _recipients([workflow_state.requested_by, *earlier_approvers], exclude=user)
    _send("returned", _context(instance, user), recipients)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """The author learns the content is now public."""
    page = instance.content_object.specific
    context = {
        "page": page,
        "workflow": instance.workflow,
        "actor": user,
        "public_url": page.full_url,
        "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
    }
    _send("published", context, _recipients([instance.requested_by], exclude=None))


def connect():
    for signal, sender, dispatch_uid in WAGTAIL_HANDLERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    task_submitted.connect(on_task_submitted, dispatch_uid="kpss_task_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="kpss_task_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="kpss_task_rejected")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="kpss_workflow_approved")
