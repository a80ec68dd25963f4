"""Update the cs and en message catalogues from the code and templates.

Czech is the source language, so the Czech catalogue repeats each msgid; the English catalogue
keeps its translations and lists new strings for translating.

Czech has four plural forms: 1 (stránka), 2–4 (stránky), fractions (1,5 stránky) and 5 or more
(stránek). The source gives the first (msgid) and the last (msgid_plural); the two between are
written by hand in locale/cs and kept here.
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
    """Every msgstr is its msgid; makemessages' fuzzy guesses from similar strings are dropped.

    Returns the plural entries still waiting for their hand-written forms for 2–4 and fractions:
    those of a new string, or of one whose wording changed (its old forms no longer fit). They
    stay empty, so the catalogue counts as incomplete (tests/test_languages.py) until written."""
    catalogue = polib.pofile(str(path), wrapwidth=79)
    catalogue.metadata["Language"] = "cs"
    catalogue.metadata["Plural-Forms"] = CZECH_PLURALS
    waiting = []
    for entry in catalogue:
        if entry.msgid_plural:
            written = {} if "fuzzy" in entry.flags else entry.msgstr_plural
            entry.msgstr_plural = {
                0: entry.msgid,
                1: written.get(1, ""),
                2: written.get(2, ""),
                3: entry.msgid_plural,
            }
            if not all(entry.msgstr_plural.values()):
                waiting.append(entry.msgid)
        else:
            entry.msgstr = entry.msgid
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.metadata_is_fuzzy = False
    catalogue.save()
    return waiting


class Command(BaseCommand):
    help = "Aktualizuje katalogy překladů cs a en podle kódu a šablon."

    def handle(self, *args, **options):
        call_command("makemessages", locale=["cs", "en"], ignore_patterns=IGNORE, no_obsolete=True)
        czech = Path(settings.BASE_DIR) / "locale" / "cs" / "LC_MESSAGES" / "django.po"
        for msgid in fill_czech(czech):
            self.stdout.write(
                self.style.WARNING(
                    f"Doplňte v {czech.relative_to(settings.BASE_DIR)} české tvary pro 2–4 "
                    f"a desetinná čísla (msgstr[1] a msgstr[2]): „{msgid}“"
                )
            )
        self.stdout.write(self.style.SUCCESS("Katalogy cs a en jsou aktuální."))
