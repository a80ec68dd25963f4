"""Audit rows for people and roles, and for sign-ins (Wagtail logs neither: wagtail#14178).

These rows are themselves the history: they are only ever inserted, never edited or deleted, and
keep names as text so that they stay readable after a user or group is deleted.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditRowQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Auditní záznamy se nemění.")

    def delete(self):
        raise PermissionError("Auditní záznamy se nemažou.")


class InsertOnly(models.Model):
    """Rows that are the record themselves: inserted once, never changed or deleted."""

    objects = AuditRowQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("Auditní záznamy se nemění.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Auditní záznamy se nemažou.")


class AuditRow(InsertOnly):
    created_at = models.DateTimeField(_("čas"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kdo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("jméno"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP adresa"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class RoleChange(AuditRow):
    class Action(models.TextChoices):
        MEMBER_ADDED = "member_added", _("přidán do skupiny")
        MEMBER_REMOVED = "member_removed", _("odebrán ze skupiny")
        PERMISSION_ADDED = "permission_added", _("skupině přidáno oprávnění")
        PERMISSION_REMOVED = "permission_removed", _("skupině odebráno oprávnění")
        USER_ACTIVATED = "user_activated", _("uživatel aktivován")
        USER_DEACTIVATED = "user_deactivated", _("uživatel deaktivován")
        SUPERUSER_GRANTED = "superuser_granted", _("udělena práva správce")
        SUPERUSER_REVOKED = "superuser_revoked", _("odebrána práva správce")
        ENROLMENT_CODE_ISSUED = "enrolment_code", _("vydán kód pro párování ověřovací aplikace")

    action = models.CharField(_("změna"), max_length=30, choices=Action.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uživatel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(_("uživatel (jméno)"), max_length=255, blank=True)
    group_name = models.CharField(_("skupina"), max_length=150, blank=True)
    detail = models.CharField(_("podrobnosti"), max_length=500, blank=True)

    class Meta(AuditRow.Meta):
        verbose_name = _("změna rolí a oprávnění")
        verbose_name_plural = _("změny rolí a oprávnění")
        # The audit area as a whole; held by the management team and auditors.
        permissions = [("view_audit_log", _("Může procházet a exportovat audit"))]

    def __str__(self):
        return f"{self.get_action_display()}: {self.user_name or self.group_name}"


class SignInEvent(AuditRow):
    class Kind(models.TextChoices):
        LOGIN = "login", _("přihlášení")
        FAILED = "failed", _("neúspěšné přihlášení")
        LOGOUT = "logout", _("odhlášení")

    kind = models.CharField(_("událost"), max_length=10, choices=Kind.choices, db_index=True)
    username = models.CharField(_("zadané uživatelské jméno"), max_length=255, blank=True)
    user_agent = models.CharField(_("prohlížeč"), max_length=300, blank=True)

    class Meta(AuditRow.Meta):
        verbose_name = _("přihlášení")
        verbose_name_plural = _("přihlášení")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username}"


class ArchivedRevision(InsertOnly):
    """A copy of a revision taken as it is deleted.

    Wagtail deletes a page's revisions together with the page; this keeps every version of a
    deleted page readable for auditors (its log entries stay in Wagtail's audit log anyway).
    """

    revision_id = models.BigIntegerField(_("původní ID revize"), unique=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("typ"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    base_content_type = models.ForeignKey(
        ContentType, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(_("ID objektu"), max_length=255, db_index=True)
    object_str = models.TextField(_("název"), blank=True)
    created_at = models.DateTimeField(_("vytvořeno"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(_("autor"), max_length=255, blank=True)
    content = models.JSONField(_("obsah"))
    archived_at = models.DateTimeField(_("archivováno"), auto_now_add=True)

    class Meta:
        verbose_name = _("revize smazaného objektu")
        verbose_name_plural = _("revize smazaných objektů")
        ordering = ["-created_at", "-revision_id"]

    def __str__(self):
        return f"{self.object_str} ({self.created_at:%Y-%m-%d %H:%M})"
