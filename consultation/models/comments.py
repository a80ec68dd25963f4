"""Comments (připomínky) on a consultation's draft: from the public form, or entered by the
management team when they arrive on paper, by e-mail, by data box or at the public hearing.

A comment from the form counts only once its sender confirms it through the link sent to the
address given; until then it has no number and nobody sees it but the privacy records.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib import admin
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from simple_history.models import HistoricalRecords

from kpss_pages.models import TriadRole

TEXT_LIMIT = 5000


class Channel(models.TextChoices):
    WEB = "web", _("formulář na webu")
    EMAIL = "email", _("e-mail")
    DATA_BOX = "datova_schranka", _("datová schránka")
    POST = "posta", _("pošta nebo podatelna")
    IN_PERSON = "osobne", _("osobně")
    HEARING = "projednani", _("veřejné projednání")


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CommentQuerySet(models.QuerySet):
    def counted(self):
        """Comments that count: confirmed by their sender, or entered by staff."""
        return self.filter(number__isnull=False)

    def about_chapter(self, chapter_id):
        return self.filter(target_chapter_id=chapter_id)


class Comment(models.Model):
    # What the sender gives, in the order forms and the admin show it.
    SENDER_FIELDS = [
        "name",
        "email",
        "organisation",
        "role",
        "publish_name",
        "text",
        "proposed_wording",
        "wants_answer",
    ]

    consultation = models.ForeignKey(
        "consultation.ConsultationPage",
        verbose_name=_("připomínkování"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    number = models.PositiveIntegerField(_("pořadové číslo"), null=True, blank=True)
    received_at = models.DateTimeField(_("přijato"), default=timezone.now)
    channel = models.CharField(
        _("způsob podání"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zapsal(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("jméno a příjmení"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organizace"), max_length=200, blank=True)
    role = models.CharField(
        _("připomínkující jako"), max_length=20, choices=TriadRole.choices, default=TriadRole.PUBLIC
    )
    publish_name = models.BooleanField(_("souhlas se zveřejněním jména"), default=False)
    target_chapter = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("kapitola"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_code = models.CharField(_("část kapitoly"), max_length=20, blank=True)
    target_label = models.CharField(_("k části návrhu"), max_length=300)
    text = models.TextField(_("text připomínky"), max_length=TEXT_LIMIT)
    proposed_wording = models.TextField(_("navrhované znění"), max_length=TEXT_LIMIT, blank=True)
    wants_answer = models.BooleanField(_("poslat vypořádání e-mailem"), default=False)
    token_digest = models.CharField(max_length=64, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("potvrzeno"), null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(
        _("vypořádání odesláno"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("zaznamenáno"), auto_now_add=True)

    history = HistoricalRecords()
    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("připomínka")
        verbose_name_plural = _("připomínky")
        ordering = ["consultation", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"],
                condition=Q(number__isnull=False),
                name="consultation_comment_number_unique",
            )
        ]

    def __str__(self):
        if self.number is None:
            return _("nepotvrzená připomínka k „%(target)s“") % {"target": self.target_label}
        return _("připomínka č. %(reference)s") % {"reference": self.reference}

    @property
    @admin.display(description=_("číslo"))
    def reference(self):
        """What the sender quotes: the consultation's id and the comment's number."""
        if self.number is None:
            return ""
        return f"{self.consultation_id}/{self.number:03d}"

    @property
    def target_key(self):
        """The key of the part of the frozen draft (consultation.snapshot.Target.key)."""
        if self.target_chapter_id is None:
            return "plan"
        if self.target_code:
            return f"{self.target_chapter_id}:{self.target_code}"
        return str(self.target_chapter_id)

    @property
    def excerpt(self):
        return self.text if len(self.text) <= 100 else self.text[:99].rstrip() + "…"

    @property
    def shown_name(self):
        """The name as the public may read it."""
        return self.name if self.publish_name else _("neuvedeno (bez souhlasu se zveřejněním)")

    def new_token(self):
        token = secrets.token_urlsafe(32)
        self.token_digest = token_digest(token)
        return token

    def count(self):
        """Give the comment its number: from now on it is part of the consultation."""
        from consultation.models import ConsultationPage

        with transaction.atomic():
            # One number at a time per consultation (SQLite serialises writers anyway).
            ConsultationPage.objects.select_for_update().filter(pk=self.consultation_id).first()
            last = Comment.objects.filter(consultation_id=self.consultation_id).aggregate(
                last=Max("number")
            )["last"]
            self.number = (last or 0) + 1
            self.confirmed_at = timezone.now()
            self.token_digest = ""
            self.save(update_fields=["number", "confirmed_at", "token_digest"])
            # In the audit area and the comment's history, by whoever entered it.
            log(self, "wagtail.create", user=self.entered_by)
