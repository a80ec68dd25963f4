"""Everything the site stores about a person, as JSON (GDPR articles 15 and 20)."""

import os

from django.core.management.base import BaseCommand, CommandError

from privacy import registry as gdpr


def add_person_arguments(parser):
    """--user, --member and --sender, shared by kpss_gdpr_export and kpss_gdpr_erase."""
    parser.add_argument("--user", help="uživatelské jméno nebo e-mail účtu")
    parser.add_argument(
        "--member",
        action="append",
        default=[],
        help="ID nebo e-mail člena pracovní skupiny; lze zadat vícekrát",
    )
    parser.add_argument(
        "--sender",
        action="append",
        default=[],
        help="e-mail, z něhož přišly připomínky k návrhu plánu; lze zadat vícekrát",
    )


class Command(BaseCommand):
    help = (
        "Vypíše jako JSON vše, co portál uchovává o osobě: uživatelském účtu, členovi pracovní "
        "skupiny, nebo obojím (docs/gdpr.md)."
    )

    def add_arguments(self, parser):
        add_person_arguments(parser)
        parser.add_argument(
            "--output", help="soubor, do kterého se export zapíše (jinak standardní výstup)"
        )

    def handle(self, *args, user=None, member=(), sender=(), output=None, **options):
        try:
            person = gdpr.find_person(user=user, members=member, senders=sender)
        except gdpr.PersonError as error:
            raise CommandError(str(error)) from None
        text = gdpr.dumps(gdpr.export(person))
        if not output:
            self.stdout.write(text)
            return
        # Personal data: a new file is readable by its owner only.
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as file:
            file.write(text + "\n")
        self.stdout.write(f"Export osoby {person.describe()} uložen do {output}.")
