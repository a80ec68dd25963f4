from pathlib import Path

from evidence.models import ImportRun
from evidence.registry import import_registry, load_code_lists

from ._base import ImportCommand


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
        user = self.user(username)
        directory = code_lists or Path(file).resolve().parent / "ciselniky"

        def work(data, counts, progress):
            import_registry(
                data, counts, progress, code_lists=load_code_lists(directory), user=user
            )

        self.run(file, user, work)
