"""Approval route: the management team's review, the steering group's resolution, and the record.

Both tasks are Wagtail group-approval tasks with stricter rules: an action is accepted only from a
member of the task's group, only on the task state that is current, only for the revision that is
still the latest (a stale approval is refused), and only with valid data, however it was posted
(the editor passes the modal's data through unvalidated JSON).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, TaskState

from simple_history.models import HistoricalRecords

from workflows.forms import ApproveForm, ResolutionApprovalForm, ReturnForChangesForm


class StaleApproval(PermissionDenied):
    """The content changed after the task was started; the reviewer must see the new version."""


class StrictGroupApprovalTask(AbstractGroupApprovalTask):
    approve_form_class = ApproveForm

    class Meta:
        abstract = True

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Vrátit k přepracování"), True),
                ("approve", _("Schválit"), False),
                ("approve", _("Schválit s komentářem"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "reject":
            return ReturnForChangesForm
        return self.approve_form_class

    @classmethod
    def action_form_media(cls):
        """What the action forms' widgets need on the page that opens them: Wagtail loads the
        forms into a modal whose inline scripts call functions of the widgets' media (the date
        field's `initDateChooser`), so the page must carry that media beforehand."""
        return ReturnForChangesForm().media + cls.approve_form_class().media

    def check_action(self, task_state, user, action_name, data):
        page = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(page, user)}:
            raise PermissionDenied(_("Tuto akci v tomto kroku schvalování provést nemůžete."))
        workflow_state = task_state.workflow_state
        if (
            task_state.status != TaskState.STATUS_IN_PROGRESS
            or workflow_state.current_task_state_id != task_state.pk
            or task_state.task_id != self.pk
        ):
            raise PermissionDenied(_("Tento krok schvalování už není otevřený."))
        if task_state.revision_id != page.get_latest_revision().pk:
            raise StaleApproval(
                _("Obsah se od zahájení posouzení změnil; posuďte prosím aktuální verzi.")
            )
        form = self.get_form_for_action(action_name)(data=data)
        if not form.is_valid():
            raise PermissionDenied(" ".join(m for ms in form.errors.values() for m in ms))
        return form.cleaned_data

    def on_action(self, task_state, user, action_name, **kwargs):
        cleaned = self.check_action(task_state, user, action_name, kwargs)
        task_state = task_state.specific
        if action_name == "approve":
            self.store_approval_data(task_state, cleaned)
            task_state.approve(user=user, comment=cleaned.get("comment", ""))
        elif action_name == "reject":
            task_state.reject(user=user, comment=cleaned["comment"])
        # Reviewers may not browse the parent listing Wagtail would return to; the dashboard
        # shows them the result and what else awaits them.
        return reverse("wagtailadmin_home")

    def store_approval_data(self, task_state, cleaned):
        """Hook for tasks that record more than a comment."""


class ReviewTask(StrictGroupApprovalTask):
    """Posouzení manažerským týmem."""

    class Meta:
        verbose_name = _("posouzení skupinou (s povinným komentářem při vrácení)")
        verbose_name_plural = _("posouzení skupinou")

    @classmethod
    def get_description(cls):
        return _("Členové zvolených skupin schválí obsah, nebo jej s komentářem vrátí autorovi.")


class ResolutionTaskState(TaskState):
    resolution_number = models.CharField(_("číslo usnesení"), max_length=50, blank=True)
    meeting_date = models.DateField(_("datum jednání"), null=True, blank=True)

    class Meta:
        verbose_name = _("stav schválení usnesením")
        verbose_name_plural = _("stavy schválení usnesením")


class ResolutionApprovalTask(StrictGroupApprovalTask):
    """Schválení nadoborovou skupinou: approval is a resolution with a number and a meeting date."""

    approve_form_class = ResolutionApprovalForm
    task_state_class = ResolutionTaskState

    class Meta:
        verbose_name = _("schválení usnesením")
        verbose_name_plural = _("schválení usnesením")

    @classmethod
    def get_description(cls):
        return _("Schválení zaznamenané jako usnesení s číslem a datem jednání.")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Vrátit k přepracování"), True),
                ("approve", _("Schválit usnesením"), True),
            ]
        return []

    def locked_for_user(self, obj, user):
        # The steering group decides but never edits; the management team may still correct the
        # text, which restarts the route (every approval must be given again).
        from workflows.permissions import is_in_management_team

        return not (user.is_superuser or is_in_management_team(user))

    def store_approval_data(self, task_state, cleaned):
        task_state.resolution_number = cleaned["resolution_number"]
        meeting_date = cleaned["meeting_date"]
        if isinstance(meeting_date, str):
            meeting_date = datetime.date.fromisoformat(meeting_date)
        task_state.meeting_date = meeting_date


def route_action_media():
    """The action form media of every task type on the route."""
    return ReviewTask.action_form_media() + ResolutionApprovalTask.action_form_media()


class ApprovalRecord(models.Model):
    """One approval step of a revision that was published through the approval route."""

    # What one step decided, by whom and when: the record's columns wherever it is shown whole
    # (the admin's detail view, a person's GDPR export).
    DECISION_FIELDS = [
        "task_name",
        "approver_name",
        "approved_at",
        "comment",
        "resolution_number",
        "meeting_date",
    ]

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("stránka"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="approval_records",
    )
    page_title = models.CharField(_("název stránky"), max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revize"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="approval_records",
    )
    step = models.PositiveSmallIntegerField(_("pořadí kroku"))
    task_name = models.CharField(_("krok"), max_length=255)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("schválil(a)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approver_name = models.CharField(_("jméno schvalujícího"), max_length=255)
    approved_at = models.DateTimeField(_("schváleno"))
    comment = models.TextField(_("komentář"), blank=True)
    resolution_number = models.CharField(_("číslo usnesení"), max_length=50, blank=True)
    meeting_date = models.DateField(_("datum jednání"), null=True, blank=True)
    published_at = models.DateTimeField(_("zveřejněno"), null=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["revision_id", "step"]
        verbose_name = _("záznam o schválení")
        verbose_name_plural = _("záznamy o schválení")

    def __str__(self):
        return f"{self.page_title}: {self.task_name} ({self.approver_name})"


class ManagedGroup(models.Model):
    """Links a role group to the working group or provider it stands for, so renames follow."""

    group = models.OneToOneField(
        "auth.Group", verbose_name=_("skupina"), on_delete=models.CASCADE, related_name="managed"
    )
    working_group = models.OneToOneField(
        "kpss_pages.WorkingGroupPage",
        verbose_name=_("pracovní skupina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_group",
    )
    organisation = models.OneToOneField(
        "kpss_pages.Organisation",
        verbose_name=_("poskytovatel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_group",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skupina role")
        verbose_name_plural = _("skupiny rolí")
        # Granted to the management team (roles.sync_fixed_roles); see workflows/responsibility.py.
        permissions = [
            (
                "assign_responsibility",
                _("Může měnit poskytovatele služby a odpovědnou pracovní skupinu kapitoly"),
            )
        ]

    def __str__(self):
        return self.group.name
