"""When a settlement is published (the steering group's approval), the commenters who asked
for it get their answer by e-mail."""

from wagtail.signals import page_published


def settlement_published(sender, instance, **kwargs):
    from consultation import mail

    consultation = instance.get_parent().specific
    base = consultation.get_full_url()

    def url_of(comment):
        return base + consultation.reverse_subpage("answer", args=[comment.number])

    mail.settled(instance, url_of)


def connect():
    from consultation.models import SettlementPage

    page_published.connect(
        settlement_published, sender=SettlementPage, dispatch_uid="consultation_settled"
    )
