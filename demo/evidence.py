"""The evidence behind the demo plan: the microregion with its municipalities' official codes,
the ČSÚ population sample and the registry sample imported as an operator would, and the
analysis page with its needs register, approved by the steering group."""

from pathlib import Path

from django.conf import settings

from demo import route
from evidence import csu, registry
from evidence.importing import run_import
from evidence.models import ImportRun, NeedsAnalysisPage, Territory, TerritoryKind
from kpss_pages.models import Municipality, TargetGroup
from kpss_pages.reference_data import sync_row

SAMPLES = Path(settings.BASE_DIR) / "evidence" / "samples"
# ČSÚ code list 43. Hrachovec and Podolí are left without a code until it is verified
# (docs/evidence.md): they are not in the microregion's territory rows yet.
MUNICIPALITY_CODES = {
    "Branky": "541648", "Choryně": "542831", "Jarcová": "542903", "Kelč": "542989",
    "Krhová": "500062", "Kunovice": "543021", "Lešná": "544302", "Loučka": "544418",
    "Mikulůvka": "544507", "Oznice": "544574", "Police": "544621", "Poličná": "500071",
    "Střítež nad Bečvou": "544922", "Valašské Meziříčí": "545058", "Velká Lhota": "545147",
    "Zašová": "545236",
}  # fmt: skip
MICROREGION = "Mikroregion Valašskomeziříčsko-Kelečsko"


def territories(municipalities):
    """The region, the ORP and the microregion with its municipalities; returns the
    microregion."""
    region, _ = sync_row(
        Territory, {"kind": TerritoryKind.REGION, "code": "3131"}, {"name": "Zlínský kraj"}
    )
    orp, _ = sync_row(
        Territory,
        {"kind": TerritoryKind.ORP, "code": "7210"},
        {"name": "Valašské Meziříčí"},
    )
    microregion, _ = sync_row(
        Territory, {"kind": TerritoryKind.MICROREGION, "name": MICROREGION}, {"code": ""}
    )
    members = []
    for name, code in MUNICIPALITY_CODES.items():
        town = municipalities[name]
        if town.code != code:
            Municipality.objects.filter(pk=town.pk).update(code=code)
        territory, _ = sync_row(
            Territory,
            {"kind": TerritoryKind.MUNICIPALITY, "code": code},
            {"name": name, "parent": orp, "municipality": town},
        )
        members.append(territory)
    microregion.members.set(members)
    return microregion


def imports(users):
    """The two samples, imported once (a later run would only count them unchanged)."""
    if ImportRun.objects.exists():
        return 0
    operator = users["mt.kovarova"]
    run_import(
        ImportRun.Kind.CSU,
        SAMPLES / "obyvatelstvo-obce-vzorek.csv",
        operator,
        lambda data, counts, progress: csu.import_population(
            data, counts, progress, "130142", operator
        ),
    )
    code_lists = registry.load_code_lists(SAMPLES / "ciselniky")
    run_import(
        ImportRun.Kind.REGISTRY,
        SAMPLES / "rpss-vzorek.json",
        operator,
        lambda data, counts, progress: registry.import_registry(
            data, counts, progress, code_lists=code_lists, user=operator
        ),
    )
    return 2


def needs(plan, microregion):
    """The needs register: each need with its evidence and the measures that answer it."""
    by_title = {ref.title: ref.block_id for ref in plan.measures()}
    groups = {group.slug: group.pk for group in TargetGroup.objects.filter(locale=plan.locale)}
    kelc = Territory.objects.get(kind=TerritoryKind.MUNICIPALITY, code="542989")

    def need(title, text, priority, group_slugs, territory, evidence, measures):
        return {
            "type": "need",
            "value": {
                "title": title,
                "description": f"<p>{text}</p>",
                "priority": priority,
                "target_groups": [groups[slug] for slug in group_slugs],
                "territory": territory.pk if territory else None,
                "evidence": [
                    {"kind": kind, "summary": summary, "source": source, "document": None,
                     "link": ""}
                    for kind, summary, source in evidence
                ],
                "measures": [by_title[title] for title in measures],
            },
        }  # fmt: skip

    return [
        need(
            "Dostupná péče v domácnosti pro rostoucí počet seniorů",
            "Počet obyvatel nad 80 let roste rychleji než kapacita terénních služeb; o víkendech "
            "služba v malých obcích chybí.",
            "vysoka",
            ["seniori"],
            None,
            [
                ("data", "Podíl obyvatel 65+ roste každý rok; viz tabulky výše.", "ČSÚ"),
                ("setreni", "Třetina pečujících uvádí, že jim chybí víkendová péče.",
                 "anketa mezi pečujícími 2025"),
            ],
            ["Rozšíření pečovatelské služby do malých obcí",
             "Zavedení tísňové péče pro osamělé seniory"],
        ),
        need(
            "Odlehčení rodinám, které pečují o blízkého",
            "Pečující potřebují krátkodobý pobyt pro svého blízkého, aby si mohli odpočinout.",
            "vysoka",
            ["seniori", "osoby-s-chronickym-onemocnenim"],
            None,
            [("setreni", "Odlehčovací služba odmítá v sezóně každého druhého zájemce.",
              "evidence poskytovatele 2025")],
            ["Odlehčovací služba s rozšířenou kapacitou", "Kurzy pro pečující"],
        ),
        need(
            "Bydlení s podporou na Kelečsku",
            "Lidé s mentálním postižením z Kelečska odcházejí do ústavních služeb mimo region.",
            "stredni",
            ["osoby-s-mentalnim-postizenim"],
            kelc,
            [("dokument", "Rozhovory s rodinami klientů v Kelči.", "pracovní skupina 2025")],
            ["Podpora samostatného bydlení v Kelči"],
        ),
    ]  # fmt: skip


def analysis_page(builder, users, home, plan, microregion):
    """The analysis at /analyza-potreb/, approved by the steering group; returns approvals."""
    page = builder.child(
        home,
        NeedsAnalysisPage,
        "analyza-potreb",
        publish=False,
        title="Analýza potřeb a zdrojů",
        summary="Obyvatelstvo obcí, síť služeb a potřeby, na které plán odpovídá.",
        show_in_menus=True,
        introduction="<p>Podklady ke komunitnímu plánu: jak se mění počet seniorů v obcích, "
        "jaké služby v obcích působí a které potřeby plán řeší. Údaje o obyvatelstvu jsou "
        "ukázková data ve formátu otevřených dat ČSÚ.</p>",
        territory=microregion,
        plan=plan,
        needs=needs(plan, microregion),
    )
    if page.live:
        return 0
    route.approve(page, users, ("09", 5))
    return 1
