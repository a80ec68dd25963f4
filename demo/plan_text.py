"""The demo plan's text: its chapters with priorities, goals and measures, and the update one
chapter receives in its second approved version."""


def measure(
    title, text, responsible, years, cost, sources, indicators, kinds=(), partners=(), services=()
):
    """services: (catalogue title, or None and the new service's name, relation, change, unit)"""
    return {
        "title": title, "text": text, "responsible": responsible, "years": years, "cost": cost,
        "sources": sources, "indicators": indicators, "kinds": kinds, "partners": partners,
        "services": services,
    }  # fmt: skip


# chapter number -> (working group key, title, summary, [(priority, [(goal, [measures])])])
PLAN_CHAPTERS = [
    (1, "seniori", "Senioři",
     "Senioři mají žít co nejdéle doma, s dostupnou péčí a podporou pro ty, kdo o ně pečují.",
     [("Podpora života seniorů v přirozeném prostředí", [
         ("Zajistit dostupnou terénní péči ve všech obcích", [
             measure("Rozšíření pečovatelské služby do malých obcí",
                     "Navýšení úvazků pečovatelek tak, aby služba byla dostupná i o víkendech "
                     "v obcích Kelečska.", ["charita", "naruc"], (2026, 2029), 4_800_000,
                     ["obce", "kraj", "stat", "uhrady"],
                     [("počet obcí s dostupnou službou o víkendu", "obcí", 18),
                      ("počet klientů", "klientů", 270)], ["40"], ["mikroregion"],
                     services=[("Pečovatelská služba Charity Bečva", "", "rozsirit", "2", "uvazky"), ("Pečovatelská služba Kelečsko", "", "rozsirit", "1.5", "uvazky")]),
             measure("Zavedení tísňové péče pro osamělé seniory",
                     "Nabídka tísňového tlačítka osamělým seniorům s příspěvkem obce.",
                     ["charita"], (2026, 2027), 650_000, ["obce", "uhrady"],
                     [("počet zapojených domácností", "domácností", 60)], ["41"],
                     services=[("Tísňová péče Charity Bečva", "", "rozsirit", "60", "klienti")]),
             measure("Senior taxi v Kelči a okolí",
                     "Doprava seniorů k lékaři a na úřady za symbolickou cenu.",
                     ["mesto-kelc"], (2027, 2029), 900_000, ["obce"],
                     [("počet jízd ročně", "jízd", 1500)]),
         ]),
         ("Podpořit pečující rodiny", [
             measure("Odlehčovací služba s rozšířenou kapacitou",
                     "Navýšení kapacity odlehčovací služby o čtyři lůžka.",
                     ["charita"], (2027, 2029), 2_400_000, ["kraj", "stat", "uhrady"],
                     [("kapacita", "lůžek", 12)], ["44"],
                     services=[("Odlehčovací služba Domovinka", "", "rozsirit", "4", "luzka")]),
             measure("Kurzy pro pečující",
                     "Cyklus praktických kurzů péče o blízkého v domácnosti.",
                     ["charita", "dobrovolnici"], (2026, 2029), 160_000, ["obce", "nadace"],
                     [("počet absolventů", "osob", 80)]),
         ]),
     ])]),
    (2, "zdravotni-postizeni", "Lidé se zdravotním postižením",
     "Lidé s postižením mají mít možnost bydlet, pracovat a trávit volný čas ve svém regionu.",
     [("Samostatný život lidí s postižením v komunitě", [
         ("Rozvíjet bydlení s podporou", [
             measure("Nový byt chráněného bydlení",
                     "Zřízení bytu pro čtyři klienty v centru Valašského Meziříčí.",
                     ["diakonie"], (2027, 2028), 3_200_000, ["esf", "kraj", "obce"],
                     [("počet nových míst", "míst", 4)], ["51"], ["mesto-vm"],
                     services=[("Chráněné bydlení Diakonie Valašsko", "", "rozsirit", "4", "klienti")]),
             measure("Podpora samostatného bydlení v Kelči",
                     "Rozšíření terénní podpory bydlení do Kelče a okolí.",
                     ["diakonie"], (2026, 2029), 1_100_000, ["kraj", "stat"],
                     [("počet podpořených domácností", "domácností", 12)], ["43"],
                     services=[("Podpora samostatného bydlení Diakonie", "", "rozsirit", "12", "klienti")]),
         ]),
         ("Zpřístupnit informace a komunikaci", [
             measure("Tlumočení do znakového jazyka na úřadech",
                     "Online tlumočení na přepážkách městských úřadů.",
                     ["tichy-svet"], (2026, 2027), 240_000, ["obce"],
                     [("počet tlumočených jednání", "jednání", 300)], ["56"], ["mesto-vm", "mesto-kelc"]),
             measure("Katalog služeb ve snadném čtení",
                     "Vydání katalogu služeb v jazyce snadného čtení.",
                     ["mikroregion"], (2026, 2026), 60_000, ["obce"],
                     [("vydaných výtisků", "ks", 500)]),
         ]),
     ])]),
    (3, "rodina-deti-mladez", "Rodina, děti a mládež",
     "Rodiny mají dostat pomoc včas, dřív než se problémy prohloubí.",
     [("Včasná podpora rodin s dětmi", [
         ("Posílit služby pro rodiny v malých obcích", [
             measure("Terénní sociálně aktivizační služba na Kelečsku",
                     "Pravidelné návštěvy pracovnic v rodinách v obcích bez vlastních služeb.",
                     ["kamarad"], (2026, 2029), 1_800_000, ["kraj", "stat", "obce"],
                     [("počet podpořených rodin", "rodin", 40)], ["65"]),
             measure("Raná péče pro rodiny dětí s postižením",
                     "Zajištění návštěv poradkyň rané péče v celém mikroregionu.",
                     ["ranapece"], (2026, 2029), 1_200_000, ["kraj", "stat"],
                     [("počet rodin", "rodin", 45)], ["54"]),
         ]),
         ("Nabídnout mládeži bezpečné zázemí", [
             measure("Nízkoprahový klub v Kelči",
                     "Prodloužení otevírací doby klubu a víkendové akce.",
                     ["kamarad"], (2026, 2028), 950_000, ["obce", "kraj"],
                     [("průměrný počet kontaktů týdně", "kontaktů", 60)], ["62"], ["mesto-kelc"]),
             measure("Letní program pro děti z ohrožených rodin",
                     "Příměstské tábory s doprovodem sociálních pracovníků.",
                     ["kamarad", "dobrovolnici"], (2026, 2029), 320_000, ["obce", "nadace"],
                     [("počet dětí", "dětí", 120)]),
         ]),
     ])]),
    (4, "lide-v-krizi", "Lidé v krizi a nouzi",
     "Nikdo v mikroregionu nemá zůstat bez střechy nad hlavou a bez pomoci v krizi.",
     [("Pomoc lidem bez domova a v bytové nouzi", [
         ("Zajistit krizové a sociální bydlení", [
             measure("Krizový byt pro rodiny",
                     "Vyčlenění městského bytu pro rodiny v akutní bytové nouzi.",
                     ["mesto-vm", "most"], (2027, 2029), 700_000, ["obce"],
                     [("počet ubytovaných rodin", "rodin", 9)],
                     services=[(None, "Krizový byt pro rodiny", "nova", "2", "klienti")]),
             measure("Zimní provoz noclehárny",
                     "Rozšíření kapacity noclehárny v zimních měsících.",
                     ["most"], (2026, 2029), 880_000, ["obce", "kraj"],
                     [("přistýlek v zimě", "lůžek", 6)], ["63"],
                     services=[("Noclehárna Most k domovu", "", "rozsirit", "6", "luzka")]),
             measure("Dluhové poradenství v obcích",
                     "Výjezdy dluhové poradny do obcí mikroregionu jednou měsíčně.",
                     ["charita"], (2026, 2029), 420_000, ["obce", "nadace"],
                     [("počet konzultací ročně", "konzultací", 200)]),
         ]),
     ])]),
    (5, "prevence", "Prevence sociálně patologických jevů",
     "Prevence je levnější a lidštější než řešení důsledků.",
     [("Prevence závislostí a kriminality", [
         ("Dostat pomoc k lidem ohroženým závislostí", [
             measure("Terénní program v menších obcích",
                     "Rozšíření terénní práce s uživateli návykových látek mimo Valašské Meziříčí.",
                     ["spektrum"], (2026, 2029), 1_300_000, ["kraj", "stat", "obce"],
                     [("počet kontaktovaných osob", "osob", 150)], ["69"]),
             measure("Programy primární prevence ve školách",
                     "Interaktivní programy pro žáky 2. stupně.",
                     ["spektrum"], (2026, 2029), 400_000, ["obce", "kraj"],
                     [("počet tříd", "tříd", 60)], [], ["mesto-vm", "mesto-kelc"]),
             measure("Kontaktní centrum: rozšíření otevírací doby",
                     "Otevření kontaktního centra i v sobotu.",
                     ["spektrum"], (2027, 2029), 500_000, ["kraj", "obce"],
                     [("hodin provozu týdně", "hodin", 40)], ["59"]),
         ]),
     ])]),
    (6, "obce", "Obce mikroregionu",
     "Obce společně zajišťují a spolufinancují síť služeb pro všechny své obyvatele.",
     [("Společné zajištění sítě služeb", [
         ("Nastavit spravedlivé spolufinancování", [
             measure("Dohoda obcí o spolufinancování",
                     "Smlouva obcí mikroregionu o příspěvku na služby podle počtu obyvatel.",
                     ["mikroregion"], (2026, 2026), 0, ["obce"],
                     [("počet obcí, které dohodu podepsaly", "obcí", 18)]),
             measure("Fond malých obcí na sociální služby",
                     "Společný fond, ze kterého obce hradí služby svým občanům.",
                     ["mikroregion"], (2027, 2029), 1_500_000, ["obce"],
                     [("objem fondu ročně", "Kč", 500000)]),
             measure("Informační místa v obcích",
                     "Proškolení pracovníků obecních úřadů, aby uměli poradit se službami.",
                     ["mikroregion", "mesto-vm"], (2026, 2027), 90_000, ["obce", "esf"],
                     [("proškolených pracovníků", "osob", 25)]),
         ]),
     ])]),
]  # fmt: skip

# The second approved version of a chapter: after the first months the charity costed the
# weekend care service anew and expects more clients.
# (working group key, measure title, new estimated cost, {indicator name: new target value})
CHAPTER_UPDATE = (
    "seniori",
    "Rozšíření pečovatelské služby do malých obcí",
    5_600_000,
    {"počet klientů": "300"},
)

CHAPTER_INTRODUCTION = (
    "Kapitolu připravila pracovní skupina z podkladů analýzy potřeb, z podnětů poskytovatelů "
    "a uživatelů služeb a z jednání se zástupci obcí. Priority, cíle a opatření níže projednal "
    "manažerský tým a schválila nadoborová skupina pro dohodu."
)
