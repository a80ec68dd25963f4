from evidence.csu import import_population
from evidence.models import ImportRun

from ._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Načte počty obyvatel z otevřených dat ČSÚ (CSV v dlouhém formátu, např. datové sady "
        "130149 a 130142). Opakované načtení údaje aktualizuje, nezdvojí."
    )
    kind = ImportRun.Kind.CSU

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--datova-sada", dest="dataset", default="", help="Číslo datové sady ČSÚ, např. 130149."
        )

    def handle(self, *args, file, username, dataset, **options):
        user = self.user(username)
        self.run(
            file,
            user,
            lambda data, counts, progress: import_population(data, counts, progress, dataset, user),
        )
