"""Update the cs and en message catalogues from the code and templates.

Czech is the source language, so the Czech catalogue repeats each msgid (with Czech's four plural
forms); the English catalogue keeps its translations and lists new strings for translating.
"""

import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

IGNORE = [".venv/*", "var/*", "tests/*", "bench/*", "node_modules/*"]
PLURAL_BLOCK = re.compile(r"(msgstr\[1\] .*?)(?=\n\n|\Z)", re.S)


def czech_plurals(text):
    """Django's Czech plural rule has four forms; repeat the plural for forms 2 and 3."""

    def extend(match):
        block = match.group(1)
        if "msgstr[2]" in block:
            return block
        plural = block[len("msgstr[1] ") :]
        return f"{block}\nmsgstr[2] {plural}\nmsgstr[3] {plural}"

    return PLURAL_BLOCK.sub(extend, text)


class Command(BaseCommand):
    help = "Aktualizuje katalogy překladů cs a en podle kódu a šablon."

    def handle(self, *args, **options):
        call_command("makemessages", locale=["cs", "en"], ignore_patterns=IGNORE, no_obsolete=True)
        czech = Path(settings.BASE_DIR) / "locale" / "cs" / "LC_MESSAGES" / "django.po"
        filled = subprocess.run(  # noqa: S603 -- fixed arguments
            ["msgen", str(czech)],  # noqa: S607 -- gettext tools are found on PATH
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        filled = filled.replace("#, fuzzy\n", "", 1).replace('"Language: \\n"', '"Language: cs\\n"')
        czech.write_text(czech_plurals(filled))
        self.stdout.write(self.style.SUCCESS("Katalogy cs a en jsou aktuální."))
