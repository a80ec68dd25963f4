"""Update the cs and en message catalogues from the code and templates.

Czech is the source language, so the Czech catalogue repeats each msgid (with Czech's four plural
forms); the English catalogue keeps its translations and lists new strings for translating.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

import polib

IGNORE = [".venv/*", "var/*", "tests/*", "bench/*", "node_modules/*"]
CZECH_PLURALS = (
    "nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n >= 2 && n <= 4 && n % 1 == 0) ? 1: "
    "(n % 1 != 0 ) ? 2 : 3;"
)


def fill_czech(path):
    """Every msgstr is its msgid; makemessages' fuzzy guesses from similar strings are dropped."""
    catalogue = polib.pofile(str(path), wrapwidth=79)
    catalogue.metadata["Language"] = "cs"
    catalogue.metadata["Plural-Forms"] = CZECH_PLURALS
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid} | {
                form: entry.msgid_plural for form in (1, 2, 3)
            }
        else:
            entry.msgstr = entry.msgid
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.metadata_is_fuzzy = False
    catalogue.save()


class Command(BaseCommand):
    help = "Aktualizuje katalogy překladů cs a en podle kódu a šablon."

    def handle(self, *args, **options):
        call_command("makemessages", locale=["cs", "en"], ignore_patterns=IGNORE, no_obsolete=True)
        fill_czech(Path(settings.BASE_DIR) / "locale" / "cs" / "LC_MESSAGES" / "django.po")
        self.stdout.write(self.style.SUCCESS("Katalogy cs a en jsou aktuální."))
