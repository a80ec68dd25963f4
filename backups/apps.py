from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backup and restore of the database and uploaded files (docs/backup.md)."""

    name = "backups"
    verbose_name = _("Zálohy")
