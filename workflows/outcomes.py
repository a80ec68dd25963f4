"""The confirmation a person reads after acting on the route: what happened and who acts next.

Wagtail's own messages say only "submitted for moderation" or "updated", and none at all after
an approval or a return on the dashboard; the route has three parties, so each confirmation also
names the next one.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState


def _title(page):
    return page.get_admin_display_title()


def reviewers(task):
    groups = getattr(task.specific, "groups", None)
    return ", ".join(group.name for group in groups.all()) if groups is not None else ""


def who_is_next(workflow_state):
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = workflow_state.current_task_state.task
        names = reviewers(task)
        if names:
            return _("Nyní je na řadě %(who)s.") % {"who": names}
        return _("Nyní je na řadě krok „%(task)s“.") % {"task": task.name}
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Nyní je na řadě %(author)s: upraví ji a odešle znovu k posouzení.") % {
            "author": get_user_display_name(workflow_state.requested_by)
        }
    return ""


def _join(*sentences):
    return " ".join(sentence for sentence in sentences if sentence)


def latest_workflow_state(page):
    return WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()


def submitted(page, resumed=False, created=False):
    if resumed:
        done = _("Stránka „%(title)s“ byla znovu odeslána k posouzení.")
    elif created:
        done = _("Stránka „%(title)s“ byla vytvořena a odeslána ke schválení.")
    else:
        done = _("Stránka „%(title)s“ byla odeslána ke schválení.")
    return _join(done % {"title": _title(page)}, who_is_next(latest_workflow_state(page)))


def restarted(page):
    done = _("Schvalování stránky „%(title)s“ bylo zahájeno znovu od prvního kroku.")
    return _join(done % {"title": _title(page)}, who_is_next(latest_workflow_state(page)))


def cancelled(page):
    return _join(
        _("Schvalování stránky „%(title)s“ bylo zrušeno.") % {"title": _title(page)},
        _("Koncept zůstává neschválený; až bude připraven, odešlete jej ke schválení."),
    )


def finished_by(page, user, since):
    """The approval or return of `page` that `user` gave at `since` or later."""
    return (
        TaskState.objects.filter(
            workflow_state__in=WorkflowState.objects.for_instance(page),
            finished_by=user,
            finished_at__gte=since,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


def after_task_action(page, task_state):
    """The confirmation of an approval or a return of `task_state`; None if it is still open
    (the action was refused or its form was invalid)."""
    task_state = TaskState.objects.get(pk=task_state.pk).specific
    workflow_state = task_state.workflow_state
    title = _title(page)
    if task_state.status == TaskState.STATUS_REJECTED:
        return _join(
            _("Stránka „%(title)s“ byla vrácena k přepracování.") % {"title": title},
            who_is_next(workflow_state),
        )
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        number = getattr(task_state, "resolution_number", "")
        if number:
            return _("Stránka „%(title)s“ byla schválena usnesením č. %(number)s a zveřejněna.") % {
                "title": title,
                "number": number,
            }
        return _("Stránka „%(title)s“ byla schválena a zveřejněna.") % {"title": title}
    return _join(
        _("Stránka „%(title)s“ byla schválena v kroku „%(task)s“.")
        % {"title": title, "task": task_state.task.name},
        who_is_next(workflow_state),
    )


def returned_notice(workflow_state):
    """What the editor of a returned draft reads until it is resubmitted: who returned it, at
    which step, when, and why."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    returned_at = localtime(task_state.finished_at) if task_state.finished_at else None
    return _join(
        _("Vráceno k přepracování: %(who)s (%(task)s), %(when)s: „%(comment)s“")
        % {
            "who": get_user_display_name(task_state.finished_by) if task_state.finished_by else "",
            "task": task_state.task.name,
            "when": date_format(returned_at, "SHORT_DATETIME_FORMAT") if returned_at else "",
            "comment": task_state.comment,
        },
        _("Po úpravách stránku odešlete znovu k posouzení."),
    )


def translation_submitted(page, resumed=False):
    if resumed:
        done = _("Překlad „%(title)s“ byl znovu odeslán k posouzení.")
    else:
        done = _("Překlad „%(title)s“ byl odeslán ke schválení.")
    return _join(done % {"title": _title(page)}, who_is_next(latest_workflow_state(page)))
