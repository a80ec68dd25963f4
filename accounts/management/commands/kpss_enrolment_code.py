"""A one-time code for pairing an authenticator app (accounts/enrolment.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import enrolment


class Command(BaseCommand):
    help = (
        "Vydá jednorázový kód, se kterým uživatel spáruje ověřovací aplikaci (dvoufázové "
        f"přihlášení). Kód platí {enrolment.ENROLMENT_CODE_HOURS} hodin; dřívější nepoužitý kód "
        "uživatele přestane platit. Vydání se zapíše do auditu."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="uživatelské jméno účtu")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"Uživatelský účet „{username}“ neexistuje.") from None
        if not user.is_active:
            raise CommandError(f"Účet „{username}“ není aktivní; nejdříve jej aktivujte.")
        code, record = enrolment.issue(user, via=", příkazem kpss_enrolment_code")
        expires = timezone.localtime(record.expires_at).strftime("%d.%m.%Y %H:%M")
        self.stdout.write(f"Kód pro párování pro „{username}“: {code}")
        self.stdout.write(f"Platí jednou, do {expires}. Předejte jej jinou cestou než e-mailem.")
