"""Proposing the settlement: who may settle which comments, and writing their outcomes into a
new draft revision of the consultation's settlement page (never into the published one)."""

from django.utils.translation import gettext as _

from consultation import access
from consultation.models import Comment, Outcome, SettlementPage, SettlementRow
from consultation.models.settlement import SLUG

NO_PROPOSAL, PROPOSED, APPROVED = "bez-navrhu", "navrzeno", "schvaleno"
STATES = {
    NO_PROPOSAL: _("čeká na návrh"),
    PROPOSED: _("navrženo, neschváleno"),
    APPROVED: _("schváleno"),
}


class Refused(Exception):
    """The proposal cannot be saved; the message says why, in Czech."""


def may_settle(user):
    return access.may_enter(user) or (user.is_active and access.group_chapters(user).exists())


def settleable(user, consultation):
    """The comments of `consultation` whose settlement `user` may propose: all of them for the
    management team, those on its chapters for a working group."""
    comments = consultation.comments.counted().select_related("target_chapter")
    if access.may_enter(user):
        return comments
    return comments.filter(target_chapter__in=access.group_chapters(user))


def settlement_page(consultation):
    return SettlementPage.objects.child_of(consultation).first()


def _new_page(consultation, user):
    page = SettlementPage(
        title=_("Vypořádání připomínek – %(title)s") % {"title": consultation.title},
        slug=SLUG,
        live=False,
    )
    page.title = page.title[:255]
    consultation.add_child(instance=page)
    return page


def assign_route(page, consultation):
    """The settlement goes to the body the consultation names: the steering group by the plan's
    route (inherited from the plan), or the management team alone by the content route."""
    from wagtail.models import Workflow, WorkflowPage

    from consultation.models import SettlingBody
    from workflows.roles import CONTENT_WORKFLOW

    if consultation.settling_body != SettlingBody.MANAGEMENT_TEAM:
        WorkflowPage.objects.filter(page=page).delete()
        return
    workflow = Workflow.objects.filter(name=CONTENT_WORKFLOW, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def rows(consultation):
    """The proposal (the latest revision's rows) and the approved rows (the live page's), each
    keyed by comment id."""
    page = settlement_page(consultation)
    if page is None:
        return {}, {}
    latest = page.get_latest_revision_as_object().rows_by_comment()
    live = page.specific.rows_by_comment() if page.live else {}
    return latest, live


def state(comment_id, latest, live):
    row = latest.get(comment_id)
    if row is None:
        return NO_PROPOSAL
    approved = live.get(comment_id)
    if approved is not None and (approved.outcome, approved.reason) == (row.outcome, row.reason):
        return APPROVED
    return PROPOSED


def propose(consultation, user, comments, outcome, reason):
    """Set `outcome` and `reason` for `comments` in a new draft revision by `user`. Refused
    (nothing saved) when a comment is not the user's to settle or the page is locked."""
    allowed = set(settleable(user, consultation).values_list("pk", flat=True))
    if any(comment.pk not in allowed for comment in comments):
        raise Refused(_("Některou z vybraných připomínek nemůžete vypořádat."))
    if outcome not in Outcome.values:
        raise Refused(_("Vyberte výsledek vypořádání."))
    page = settlement_page(consultation) or _new_page(consultation, user)
    assign_route(page, consultation)
    lock = page.get_lock()
    if lock and lock.for_user(user):
        raise Refused(_("Vypořádání je zamčené: %(reason)s") % {"reason": lock.get_message(user)})
    draft = page.get_latest_revision_as_object()
    # Read once: without unpublished changes the draft is the live page, whose rows come
    # fresh from the database on every .all().
    current = list(draft.rows.all())
    by_comment = {row.comment_id: row for row in current}
    for comment in comments:
        row = by_comment.get(comment.pk)
        if row is None:
            row = SettlementRow(comment=comment)
            current.append(row)
        row.outcome, row.reason = outcome, reason
        if not Outcome.changes_the_plan(outcome):
            row.changed_part = ""
    numbers = dict(
        Comment.objects.filter(pk__in=[row.comment_id for row in current]).values_list(
            "pk", "number"
        )
    )
    draft.rows = sorted(current, key=lambda row: numbers[row.comment_id])
    return draft.save_revision(user=user, log_action=True)


def template_choices(latest):
    """Answers already proposed, to reuse for similar comments: (comment id, label)."""
    comments = Comment.objects.in_bulk(list(latest))
    return [
        (
            str(comment_id),
            _("jako č. %(reference)s: %(outcome)s – %(reason)s")
            % {
                "reference": comments[comment_id].reference,
                "outcome": row.get_outcome_display(),
                "reason": row.reason[:80],
            },
        )
        for comment_id, row in sorted(latest.items(), key=lambda item: comments[item[0]].number)
    ]
