"""What the two import commands share: who runs them, progress lines, a Czech refusal."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from evidence.importing import ImportRefused, run_import


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Soubor k načtení.")
        parser.add_argument(
            "--uzivatel",
            dest="username",
            default="",
            help="Přihlašovací jméno člověka, který import spouští (zapíše se k záznamu).",
        )

    def user(self, username, required=False):
        if not username:
            if required:
                raise CommandError(
                    "Uveďte --uzivatel: kdo import spouští, ten je autorem konceptů."
                )
            return None
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
        self.stdout.write(self.style.SUCCESS(f"Hotovo: {run.summary}. Záznam č. {run.pk}."))
        return run
