"""What the two import commands share: who runs them, progress lines, a Czech refusal."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from evidence.importing import ImportRefused, run_import


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Soubor k načtení.")
        parser.add_argument(
            "--uzivatel",
            dest="username",
            required=True,
            help="Přihlašovací jméno člověka, který import spouští (zapíše se k záznamu).",
        )

    def execute(self, *args, **options):
        # An operator's shell may speak any language; the reports are Czech.
        with translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)

    def user(self, username):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Uživatel „{username}“ neexistuje nebo není aktivní.")
        return user

    def run(self, path, user, work):
        try:
            run = run_import(self.kind, path, user, work, progress=self.stdout.write)
        except ImportRefused as refused:
            raise CommandError(
                "Soubor byl odmítnut, nic se neuložilo:\n" + "\n".join(refused.lines)
            ) from refused
        except Exception as error:
            raise CommandError(
                f"Import selhal a nic se neuložilo ({type(error).__name__}: {error}). "
                "Záznam o běhu je v administraci."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Hotovo: {run.summary}. Záznam č. {run.pk}."))
        return run
