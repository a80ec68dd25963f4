from pathlib import Path

from evidence.importing import ImportRefused
from evidence.models import ImportRun
from evidence.registry import import_registry, load_code_lists

from ._base import CommandError, ImportCommand


class Command(ImportCommand):
    help = (
        "Načte služby z otevřených dat Registru poskytovatelů sociálních služeb (rpss.json). "
        "Nové služby vzniknou jako koncepty, změny jako nové verze; obojí jde ke kontrole "
        "manažerskému týmu, nic se nezveřejní samo."
    )
    kind = ImportRun.Kind.REGISTRY

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--ciselniky",
            dest="code_lists",
            default="",
            help="Adresář s číselníky registru (výchozí: složka ciselniky vedle souboru).",
        )

    def handle(self, *args, file, username, code_lists, **options):
        user = self.user(username, required=True)
        directory = code_lists or Path(file).resolve().parent / "ciselniky"
        try:
            lists = load_code_lists(directory)
        except ImportRefused as refused:
            raise CommandError("\n".join(refused.lines)) from refused
        self.run(
            file,
            user,
            lambda data, counts, progress: import_registry(
                data, counts, progress, code_lists=lists, user=user
            ),
        )
