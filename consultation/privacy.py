"""A consultation's comments in GDPR exports and erasures (privacy/): found by the e-mail they
came from (`--sender`), or by the account's or member's e-mail.

Erasure keeps the comment and its settlement, which are a public record of the plan, but
removes who sent it: the name becomes a pseudonym, the e-mail and organisation are cleared, the
consent to publish the name is withdrawn, in the comment and in its history (docs/gdpr.md)."""

from django.db.models import Q

from simple_history.utils import get_history_model_for_model

from privacy.base import Collector, model_key, rewrite, table

FIELDS = [
    "consultation",
    "number",
    "received_at",
    "channel",
    "name",
    "email",
    "organisation",
    "role",
    "publish_name",
    "target_label",
    "text",
    "proposed_wording",
    "wants_answer",
    "confirmed_at",
    "answered_at",
]


def pseudonym(comment_id):
    return f"Vymazaný odesílatel #{comment_id}"


def _by_email(model, emails):
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(email__iexact=email)
    return model.objects.filter(query)


class ConsultationCollector(Collector):
    key = "pripominky"
    label = "Připomínky k návrhu plánu a jejich odesílatelé"

    def export(self, person):
        from consultation.models import Comment

        comments = _by_email(Comment, person.emails).select_related("consultation")
        if not comments.exists():
            return {}
        return {model_key(Comment): table(comments.order_by("received_at"), FIELDS)}

    def erase(self, person, erasure):
        from consultation.models import Comment

        count = 0
        History = get_history_model_for_model(Comment)
        for comment in _by_email(Comment, person.emails):
            values = {
                "name": pseudonym(comment.pk),
                "email": "",
                "organisation": "",
                "publish_name": False,
                "wants_answer": False,
            }
            count += rewrite(Comment.objects.filter(pk=comment.pk), **values)
            count += rewrite(History.objects.filter(id=comment.pk), **values)
        return count
