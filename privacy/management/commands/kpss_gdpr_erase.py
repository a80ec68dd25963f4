"""Erase or pseudonymise a person on request (GDPR article 17), keeping the audit trail."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from privacy import registry as gdpr
from privacy.management.commands.kpss_gdpr_export import add_person_arguments


class Command(BaseCommand):
    help = (
        "Vymaže nebo pseudonymizuje osobní údaje osoby (účtu, člena pracovní skupiny, nebo "
        "obojího). Auditní stopa zůstává a ukazuje na pseudonymní účet (docs/gdpr.md)."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        add_person_arguments(parser)
        parser.add_argument(
            "--operator", help="uživatelské jméno toho, kdo žádost vyřizuje (zapíše se do logu)"
        )
        parser.add_argument(
            "--yes", action="store_true", help="výmaz provést bez dotazu na potvrzení"
        )

    def handle(self, *args, user=None, member=(), sender=(), operator=None, yes=False, **options):
        # Like Django's createsuperuser: tests hand in their own input.
        self.stdin = options.get("stdin", sys.stdin)
        try:
            person = gdpr.find_person(user=user, members=member, senders=sender)
        except gdpr.PersonError as error:
            raise CommandError(str(error)) from None
        acting = self.operator(operator)
        self.stdout.write(f"Osoba: {person.describe()}")
        if not yes:
            self.confirm()

        counts, mentions = gdpr.erase(person, operator=acting)

        if counts:
            labels = {collector.key: collector.label for collector in gdpr.collectors()}
            self.stdout.write(self.style.SUCCESS("Osobní údaje vymazány nebo pseudonymizovány:"))
            for key, count in counts.items():
                self.stdout.write(f"  {labels[key]} – změněných záznamů: {count}")
            self.stdout.write(
                "Výmaz je zaznamenán v logu u účtu a členství (bez vymazaných údajů)."
            )
        else:
            self.stdout.write("Osobní údaje této osoby už byly vymazány; nic se nezměnilo.")
        if mentions:
            self.stdout.write(
                self.style.WARNING(
                    "Jméno nebo e-mail se ještě vyskytuje v obsahu; upravte ho ručně (stránky "
                    "přes schvalovací postup):"
                )
            )
            for found in mentions:
                where = f"{found['typ']} „{found['nazev']}“ (ID {found['id']}"
                where += f", {found['verze']})" if found["verze"] else ")"
                self.stdout.write(f"  {where}: {', '.join(found['pole'])}")

    @staticmethod
    def operator(username):
        if not username:
            return None
        User = get_user_model()
        found = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if found is None:
            raise CommandError(f"Uživatel „{username}“ zadaný jako --operator neexistuje.")
        return found

    def confirm(self):
        if not self.stdin.isatty():
            raise CommandError(
                "Výmaz je nevratný: potvrďte ho volbou --yes, nebo příkaz spusťte v terminálu. "
                "Nic se nezměnilo."
            )
        self.stdout.write("Výmaz je nevratný. Napište „ano“ pro potvrzení: ", ending="")
        self.stdout.flush()
        if self.stdin.readline().strip().lower() != "ano":
            raise CommandError("Výmaz zrušen; nic se nezměnilo.")
