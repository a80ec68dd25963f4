"""Who sees and who fills in which report, enforced on every monitoring view: the management
team everything (it opens rounds and reviews reports), the steering group and auditors read
everything, a working group the reports on its chapters' measures, a provider its own parts."""

from django.db.models import Q

from workflows.responsibility import chapters_answered_by, organisations_of


def may_manage(user):
    """Open rounds, review reports."""
    return user.is_active and (user.is_superuser or user.has_perm("monitoring.add_monitoringround"))


def may_read_all(user):
    return user.is_active and (user.is_superuser or user.has_perm("monitoring.view_measurereport"))


def visible_reports(user, reports):
    if may_read_all(user):
        return reports
    if not user.is_active:
        return reports.none()
    return reports.filter(
        Q(organisation__isnull=True, chapter__in=chapters_answered_by(user))
        | Q(organisation__in=organisations_of(user))
    )


def may_report(user):
    """Whether the monitoring area is the user's at all."""
    return may_read_all(user) or visible_reports(user, _reports()).exists()


def responsible_group(report):
    """The role group that fills in the report: the partner's, or the chapter's working
    group's; None when neither has one."""
    from workflows.models import ManagedGroup

    if report.organisation_id:
        link = {"organisation_id": report.organisation_id}
    else:
        link = {"working_group_id": report.chapter.working_group_id if report.chapter else None}
    managed = ManagedGroup.objects.filter(**link).select_related("group").first()
    return managed.group if managed is not None else None


def may_edit(user, report):
    """Fill in: the management team any report, the others those visible to them."""
    if may_manage(user):
        return True
    if not user.is_active or may_read_all(user):
        return False  # the steering group and auditors read only
    return visible_reports(user, _reports().filter(pk=report.pk)).exists()


def _reports():
    from monitoring.models import MeasureReport

    return MeasureReport.objects.all()
