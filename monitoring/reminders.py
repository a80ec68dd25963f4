"""Reminders before a round's deadline: each group with reports still missing is mailed the
list once, REMIND_DAYS before the deadline (run daily by `kpss_monitoring_reminders`)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from monitoring.access import responsible_group
from monitoring.models import MonitoringRound, ReviewState
from workflows import notifications

REMIND_DAYS = 7


def _recipients_by_group(reports):
    """{role group: [missing reports]}: the chapter's working group, or the partner's group."""
    groups = {}
    for report in reports:
        group = responsible_group(report)
        if group is not None:
            groups.setdefault(group, []).append(report)
    return groups


def due_rounds(today):
    return MonitoringRound.objects.filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=REMIND_DAYS)
    ).exclude(reminded_on__isnull=False)


@transaction.atomic
def remind(today=None):
    """Returns the number of groups reminded."""
    today = today or timezone.localdate()
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    reminded = 0
    for monitoring_round in due_rounds(today).select_for_update():
        missing = monitoring_round.reports.exclude(
            review_state__in=[ReviewState.SUBMITTED, ReviewState.APPROVED]
        ).select_related("chapter", "organisation")
        for group, reports in _recipients_by_group(missing).items():
            users = get_user_model().objects.filter(groups=group, is_active=True)
            notifications.send_after_commit(
                "monitoring/mail/reminder",
                {
                    "round": monitoring_round,
                    "reports": reports,
                    "url": base + reverse("monitoring:round", args=[monitoring_round.pk]),
                },
                sorted({user.email for user in users if user.email}),
            )
            reminded += 1
        monitoring_round.reminded_on = today
        monitoring_round.save(update_fields=["reminded_on"])
    return reminded
