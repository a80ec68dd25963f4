"""E-mail of the consultation, in Czech: the link that confirms a comment, its reference number,
and the working groups' notice of comments on their chapters. Sent after the transaction
commits (workflows.notifications), so a refused or failed save sends nothing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from workflows import notifications
from workflows.models import ManagedGroup
from workflows.roles import MANAGEMENT_TEAM


def send(template, context, recipients):
    addresses = sorted({address for address in recipients if address})
    notifications.send_after_commit(f"consultation/mail/{template}", context, addresses)


def confirm_link(comment, url):
    send("confirm", {"comment": comment, "url": url}, [comment.email])


def received(comment, url):
    send("received", {"comment": comment, "url": url}, [comment.email])


def responsible_groups(comment):
    """Who answers for the part the comment is about: the role group of the chapter's working
    group, or the management team for comments on the whole plan (or an unassigned chapter)."""
    chapter = comment.target_chapter.specific if comment.target_chapter_id else None
    working_group_id = getattr(chapter, "working_group_id", None)
    managed = ManagedGroup.objects.filter(working_group_id=working_group_id).first()
    if working_group_id and managed is not None:
        return [managed.group]
    return list(Group.objects.filter(name=MANAGEMENT_TEAM))


def notify_group(comment, admin_url):
    users = (
        get_user_model()
        .objects.filter(groups__in=responsible_groups(comment), is_active=True)
        .distinct()
    )
    send(
        "new_comment",
        {"comment": comment, "admin_url": admin_url},
        [user.email for user in users],
    )


def settled(page, url_of):
    """Tell each commenter who asked for it how their comment was settled, once, when the
    settlement is published; `url_of(comment)` is the comment's public page."""
    from django.utils import timezone

    from consultation.models import SettlementRow

    rows = SettlementRow.objects.filter(
        page=page, comment__wants_answer=True, comment__answered_at__isnull=True
    ).select_related("comment", "comment__consultation")
    for row in rows:
        comment = row.comment
        if not comment.email:
            continue
        send("settled", {"comment": comment, "row": row, "url": url_of(comment)}, [comment.email])
        comment.answered_at = timezone.now()
        comment.save(update_fields=["answered_at"])
