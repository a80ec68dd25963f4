"""Demo content for mikroregion Valašskomeziříčsko-Kelečsko.

The region, its municipalities and the structure of community planning are real (see the seeds);
organisations, people, services and figures are invented for the demo and marked as such.
"""

from kpss_pages.validators import ico_check_digit


def demo_ico(first_seven: str) -> str:
    """A syntactically valid IČO for an invented organisation."""
    return first_seven + str(ico_check_digit(first_seven))


MUNICIPALITIES = [
    "Branky", "Choryně", "Hrachovec", "Jarcová", "Kelč", "Krhová", "Kunovice", "Lešná",
    "Loučka", "Mikulůvka", "Oznice", "Podolí", "Police", "Poličná", "Střítež nad Bečvou",
    "Valašské Meziříčí", "Velká Lhota", "Zašová",
]  # fmt: skip

# key: (name, seven digits for the IČO, triad role, street, postcode, city, web)
ORGANISATIONS = {
    "mesto-vm": ("Město Valašské Meziříčí (ukázka)", "9030438", "zadavatel",
                 "Náměstí 7", "757 01", "Valašské Meziříčí", ""),
    "mikroregion": ("Mikroregion Valašskomeziříčsko-Kelečsko (ukázka)", "7100012", "zadavatel",
                    "Náměstí 7", "757 01", "Valašské Meziříčí", ""),
    "mesto-kelc": ("Město Kelč (ukázka)", "9030412", "zadavatel",
                   "Komenského 3", "756 43", "Kelč", ""),
    "charita": ("Oblastní charita Bečva, z. s. (ukázka)", "7310001", "poskytovatel",
                "Kpt. Jaroše 1", "757 01", "Valašské Meziříčí", "https://charita-becva.example.cz"),
    "domov-seniori": ("Domov pro seniory Zašová, p. o. (ukázka)", "7310002", "poskytovatel",
                      "Zašová 190", "756 51", "Zašová", "https://domov-zasova.example.cz"),
    "diakonie": ("Diakonie Valašsko, z. ú. (ukázka)", "7310003", "poskytovatel",
                 "Sokolská 50", "757 01", "Valašské Meziříčí", "https://diakonie-valassko.example.cz"),
    "kamarad": ("Kamarád – centrum pro rodinu, z. s. (ukázka)", "7310004", "poskytovatel",
                "Pospíšilova 14", "757 01", "Valašské Meziříčí", "https://kamarad.example.cz"),
    "naruc": ("Náruč – sociální služby Kelečsko, o. p. s. (ukázka)", "7310005", "poskytovatel",
              "Masarykova 22", "756 43", "Kelč", "https://naruc.example.cz"),
    "most": ("Most k domovu, z. ú. (ukázka)", "7310006", "poskytovatel",
             "Zámecká 2", "757 01", "Valašské Meziříčí", "https://mostkdomovu.example.cz"),
    "spektrum": ("Spektrum – drogové služby, z. s. (ukázka)", "7310007", "poskytovatel",
                 "Komenského 12", "757 01", "Valašské Meziříčí", "https://spektrum.example.cz"),
    "tichy-svet": ("Slyšíme se, z. s. (ukázka)", "7310008", "poskytovatel",
                   "Sokolská 8", "757 01", "Valašské Meziříčí", ""),
    "ranapece": ("Raná péče Valašsko, z. ú. (ukázka)", "7310009", "poskytovatel",
                 "Husova 3", "757 01", "Valašské Meziříčí", "https://ranapece-valassko.example.cz"),
    "azyl": ("Bezpečný přístav, o. p. s. (ukázka)", "7310010", "poskytovatel",
             "Nádražní 40", "757 01", "Valašské Meziříčí", ""),
    "dilna": ("Dílna Krhová, z. s. (ukázka)", "7310011", "poskytovatel",
              "Krhová 300", "756 63", "Krhová", ""),
    "dobrovolnici": ("Dobrovolnické centrum Valmez, z. s. (ukázka)", "7310012", "poskytovatel",
                     "Masarykova 40", "757 01", "Valašské Meziříčí", ""),
    "svaz-uzivatelu": ("Spolek uživatelů služeb Valašsko (ukázka)", "7310013", "uzivatel",
                       "Komenského 5", "757 01", "Valašské Meziříčí", ""),
}  # fmt: skip

WHOLE_REGION = MUNICIPALITIES
VM_AREA = ["Valašské Meziříčí", "Krhová", "Poličná", "Podolí", "Branky", "Lešná"]
KELC_AREA = ["Kelč", "Kunovice", "Loučka", "Hrachovec", "Jarcová", "Mikulůvka", "Velká Lhota"]

# (title, provider, kind paragraph or None, related category, forms, target group slugs,
#  age slugs, capacity, capacity unit, municipalities, secret address)
SERVICES = [
    ("Pečovatelská služba Charity Bečva", "charita", "40", "", ["terenni"],
     ["seniori", "osoby-se-zdravotnim-postizenim"], ["mladsi-seniori", "starsi-seniori"],
     180, "clients", WHOLE_REGION, False),
    ("Osobní asistence Charity Bečva", "charita", "39", "", ["terenni"],
     ["seniori", "osoby-s-telesnym-postizenim"], ["dospeli", "mladsi-seniori"],
     40, "clients", VM_AREA, False),
    ("Odlehčovací služba Domovinka", "charita", "44", "", ["pobytova"],
     ["seniori", "osoby-s-chronickym-onemocnenim"], ["mladsi-seniori", "starsi-seniori"],
     8, "beds", WHOLE_REGION, False),
    ("Denní stacionář Slunečnice", "charita", "46", "", ["ambulantni"],
     ["seniori", "osoby-s-kombinovanym-postizenim"], ["mladsi-seniori", "starsi-seniori"],
     15, "simultaneous", VM_AREA, False),
    ("Tísňová péče Charity Bečva", "charita", "41", "", ["terenni"],
     ["seniori", "osoby-s-chronickym-onemocnenim"], ["mladsi-seniori", "starsi-seniori"],
     120, "clients", WHOLE_REGION, False),
    ("Domov pro seniory Zašová", "domov-seniori", "49", "", ["pobytova"],
     ["seniori"], ["mladsi-seniori", "starsi-seniori"], 96, "beds", WHOLE_REGION, False),
    ("Domov se zvláštním režimem Zašová", "domov-seniori", "50", "", ["pobytova"],
     ["seniori", "osoby-s-chronickym-dusevnim-onemocnenim"], ["mladsi-seniori", "starsi-seniori"],
     30, "beds", WHOLE_REGION, False),
    ("Pečovatelská služba Kelečsko", "naruc", "40", "", ["terenni", "ambulantni"],
     ["seniori", "osoby-se-zdravotnim-postizenim"], ["dospeli", "mladsi-seniori", "starsi-seniori"],
     90, "clients", KELC_AREA, False),
    ("Centrum denních služeb Náruč", "naruc", "45", "", ["ambulantni"],
     ["seniori", "osoby-s-mentalnim-postizenim"], ["dospeli", "mladsi-seniori"],
     12, "simultaneous", KELC_AREA, False),
    ("Sociálně aktivizační služba pro seniory Náruč", "naruc", "66", "", ["ambulantni", "terenni"],
     ["seniori"], ["mladsi-seniori", "starsi-seniori"], 60, "clients", KELC_AREA, False),
    ("Chráněné bydlení Diakonie Valašsko", "diakonie", "51", "", ["pobytova"],
     ["osoby-s-mentalnim-postizenim", "osoby-s-kombinovanym-postizenim"], ["mladi-dospeli", "dospeli"],
     16, "beds", WHOLE_REGION, False),
    ("Podpora samostatného bydlení Diakonie", "diakonie", "43", "", ["terenni"],
     ["osoby-s-mentalnim-postizenim"], ["mladi-dospeli", "dospeli"], 20, "clients", VM_AREA, False),
    ("Sociálně terapeutická dílna Krhová", "dilna", "67", "", ["ambulantni"],
     ["osoby-s-mentalnim-postizenim", "osoby-s-chronickym-dusevnim-onemocnenim"],
     ["mladi-dospeli", "dospeli"], 14, "simultaneous", VM_AREA, False),
    ("Sociální rehabilitace Diakonie", "diakonie", "70", "", ["ambulantni", "terenni"],
     ["osoby-s-chronickym-dusevnim-onemocnenim", "osoby-se-zdravotnim-postizenim"],
     ["mladi-dospeli", "dospeli"], 35, "clients", WHOLE_REGION, False),
    ("Průvodcovská a předčitatelská služba Slyšíme se", "tichy-svet", "42", "", ["terenni"],
     ["osoby-se-zrakovym-postizenim"], ["dospeli", "mladsi-seniori", "starsi-seniori"],
     25, "clients", WHOLE_REGION, False),
    ("Tlumočnická služba Slyšíme se", "tichy-svet", "56", "", ["ambulantni", "terenni"],
     ["osoby-se-sluchovym-postizenim"], ["mladi-dospeli", "dospeli", "mladsi-seniori"],
     50, "clients", WHOLE_REGION, False),
    ("Odborné sociální poradenství pro osoby se sluchovým postižením", "tichy-svet", "37", "",
     ["ambulantni"], ["osoby-se-sluchovym-postizenim"], ["dospeli", "mladsi-seniori"],
     4, "simultaneous", WHOLE_REGION, False),
    ("Raná péče Valašsko", "ranapece", "54", "", ["terenni", "ambulantni"],
     ["rodiny-s-ditetemdetmi", "osoby-s-kombinovanym-postizenim"], ["deti-predskolniho-veku"],
     45, "clients", WHOLE_REGION, False),
    ("Sociálně aktivizační služba pro rodiny s dětmi Kamarád", "kamarad", "65", "", ["terenni", "ambulantni"],
     ["rodiny-s-ditetemdetmi"], ["deti-predskolniho-veku", "mladsi-deti", "starsi-deti"],
     40, "clients", WHOLE_REGION, False),
    ("Nízkoprahový klub Pohoda", "kamarad", "62", "", ["ambulantni", "terenni"],
     ["deti-a-mladez-ve-veku-od-6-do-26-let-ohrozene-spolecensky-nezadoucimi-jevy"],
     ["starsi-deti", "dorost", "mladi-dospeli"], 20, "simultaneous", VM_AREA, False),
    ("Nízkoprahový klub Kelč", "kamarad", "62", "", ["ambulantni"],
     ["deti-a-mladez-ve-veku-od-6-do-26-let-ohrozene-spolecensky-nezadoucimi-jevy"],
     ["starsi-deti", "dorost"], 12, "simultaneous", KELC_AREA, False),
    ("Rodinné centrum Kamarád", "kamarad", None, "prorodinné aktivity", ["ambulantni"],
     ["rodiny-s-ditetemdetmi"], ["deti-predskolniho-veku", "dospeli"], 25, "simultaneous",
     VM_AREA, False),
    ("Azylový dům pro matky s dětmi", "azyl", "57", "", ["pobytova"],
     ["rodiny-s-ditetemdetmi", "obeti-domaciho-nasili"], ["deti-predskolniho-veku", "dospeli"],
     24, "beds", WHOLE_REGION, True),
    ("Intervenční centrum Bezpečný přístav", "azyl", "60a", "", ["ambulantni", "terenni"],
     ["obeti-domaciho-nasili"], ["mladi-dospeli", "dospeli", "mladsi-seniori"],
     60, "clients", WHOLE_REGION, True),
    ("Krizová pomoc Bezpečný přístav", "azyl", "60", "", ["ambulantni"],
     ["osoby-v-krizi"], ["dorost", "mladi-dospeli", "dospeli"], 3, "simultaneous", WHOLE_REGION,
     False),
    ("Noclehárna Most k domovu", "most", "63", "", ["ambulantni"],
     ["osoby-bez-pristresi"], ["dospeli", "mladsi-seniori"], 12, "beds", WHOLE_REGION, False),
    ("Nízkoprahové denní centrum Most", "most", "61", "", ["ambulantni"],
     ["osoby-bez-pristresi"], ["mladi-dospeli", "dospeli", "mladsi-seniori"],
     25, "contacts", WHOLE_REGION, False),
    ("Terénní program Most", "most", "69", "", ["terenni"],
     ["osoby-zijici-v-socialne-vyloucenych-komunitach", "osoby-bez-pristresi"],
     ["mladi-dospeli", "dospeli"], 80, "clients", WHOLE_REGION, False),
    ("Odborné sociální poradenství Most", "most", "37", "", ["ambulantni", "terenni"],
     ["osoby-v-krizi", "osoby-zijici-v-socialne-vyloucenych-komunitach"], ["dospeli"],
     5, "simultaneous", WHOLE_REGION, False),
    ("Kontaktní centrum Spektrum", "spektrum", "59", "", ["ambulantni"],
     ["osoby-ohrozene-zavislosti-nebo-zavisle-na-navykovych-latkach"],
     ["dorost", "mladi-dospeli", "dospeli"], 30, "contacts", WHOLE_REGION, False),
    ("Terénní program Spektrum", "spektrum", "69", "", ["terenni"],
     ["osoby-ohrozene-zavislosti-nebo-zavisle-na-navykovych-latkach"],
     ["dorost", "mladi-dospeli", "dospeli"], 90, "clients", WHOLE_REGION, False),
    ("Dluhová poradna Charity Bečva", "charita", None, "dluhové poradenství", ["ambulantni"],
     ["osoby-v-krizi"], ["mladi-dospeli", "dospeli", "mladsi-seniori"], 3, "simultaneous",
     WHOLE_REGION, False),
    ("Senior taxi Valašské Meziříčí", "mesto-vm", None, "doprava seniorů", ["terenni"],
     ["seniori", "osoby-s-telesnym-postizenim"], ["mladsi-seniori", "starsi-seniori"],
     None, "", ["Valašské Meziříčí"], False),
    ("Dobrovolnické centrum Valmez", "dobrovolnici", None, "dobrovolnictví", ["terenni", "ambulantni"],
     ["seniori", "rodiny-s-ditetemdetmi"], ["mladsi-seniori", "starsi-seniori"],
     70, "clients", VM_AREA, False),
]  # fmt: skip

# key: (title, target group slugs, manager name, description)
WORKING_GROUPS = [
    ("seniori", "Senioři", ["seniori"],
     "Skupina se zabývá potřebami seniorů a jejich pečujících: dostupností péče v domácnosti, "
     "pobytovými službami, dopravou a podporou aktivního stáří."),
    ("zdravotni-postizeni", "Lidé se zdravotním postižením",
     ["osoby-se-zdravotnim-postizenim", "osoby-s-mentalnim-postizenim",
      "osoby-s-chronickym-dusevnim-onemocnenim"],
     "Skupina hledá cesty k samostatnému životu lidí s postižením nebo duševním onemocněním "
     "v jejich obci: bydlení, práce, asistence a dostupnost informací."),
    ("rodina-deti-mladez", "Rodina, děti a mládež",
     ["rodiny-s-ditetemdetmi",
      "deti-a-mladez-ve-veku-od-6-do-26-let-ohrozene-spolecensky-nezadoucimi-jevy"],
     "Skupina podporuje rodiny v obtížných situacích, včasnou pomoc dětem a volnočasové "
     "a nízkoprahové služby pro mládež."),
    ("lide-v-krizi", "Lidé v krizi a nouzi",
     ["osoby-v-krizi", "osoby-bez-pristresi", "obeti-domaciho-nasili"],
     "Skupina řeší pomoc lidem bez domova, lidem v dluzích a obětem domácího násilí, "
     "včetně krizového a sociálního bydlení."),
    ("prevence", "Prevence sociálně patologických jevů",
     ["osoby-ohrozene-zavislosti-nebo-zavisle-na-navykovych-latkach",
      "osoby-zijici-v-socialne-vyloucenych-komunitach"],
     "Skupina se věnuje prevenci závislostí, kriminality a sociálního vyloučení ve spolupráci "
     "se školami, policií a terénními službami."),
    ("obce", "Obce mikroregionu", [],
     "Skupina zástupců obcí, tedy zadavatelů služeb: sjednává financování sítě služeb "
     "a zastupuje potřeby malých obcí mikroregionu."),
]  # fmt: skip

# (name, organisation key or None, triad role, manager?, display, consent, position)
MEMBERS = {
    "seniori": [
        ("Jana Horáková", "charita", "poskytovatel", True, "name", None, "vedoucí pečovatelské služby"),
        ("Petr Zbranek", "mesto-vm", "zadavatel", False, "name", None, "odbor sociálních věcí"),
        ("Marie Kubíčková", None, "uzivatel", False, "name", "2026-01-15", "zástupkyně seniorů"),
        ("Josef Vašek", None, "uzivatel", False, "anonymous", None, ""),
        ("Alena Mikešová", "domov-seniori", "poskytovatel", False, "organisation", None, "sociální pracovnice"),
    ],
    "zdravotni-postizeni": [
        ("Tomáš Pavelka", "diakonie", "poskytovatel", True, "name", None, "ředitel"),
        ("Lucie Bartošová", "tichy-svet", "poskytovatel", False, "name", None, "koordinátorka"),
        ("Karel Dušek", None, "uzivatel", False, "hidden", None, ""),
        ("Eva Šimková", "dilna", "poskytovatel", False, "organisation", None, ""),
    ],
    "rodina-deti-mladez": [
        ("Veronika Machalová", "kamarad", "poskytovatel", True, "name", None, "vedoucí centra"),
        ("Ivana Černochová", "ranapece", "poskytovatel", False, "name", None, "poradkyně rané péče"),
        ("Michal Holub", "mesto-vm", "zadavatel", False, "name", None, "OSPOD"),
        ("Barbora Jurečková", None, "verejnost", False, "anonymous", None, ""),
    ],
    "lide-v-krizi": [
        ("Radek Žák", "most", "poskytovatel", True, "name", None, "vedoucí terénního programu"),
        ("Hana Slováková", "azyl", "poskytovatel", False, "organisation", None, ""),
        ("Ondřej Kratochvíl", "mesto-vm", "zadavatel", False, "name", None, "sociální kurátor"),
    ],
    "prevence": [
        ("Martina Vrbová", "spektrum", "poskytovatel", True, "name", None, "vedoucí kontaktního centra"),
        ("Jiří Sedláček", "mesto-kelc", "zadavatel", False, "name", None, "místostarosta"),
        ("Zdeňka Hudcová", "svaz-uzivatelu", "uzivatel", False, "organisation", None, ""),
    ],
    "obce": [
        ("Pavel Janoš", "mikroregion", "zadavatel", True, "name", None, "koordinátor KPSS"),
        ("Lenka Orságová", "mesto-kelc", "zadavatel", False, "name", None, "starostka"),
        ("Václav Fojtík", "mesto-vm", "zadavatel", False, "name", None, "radní pro sociální oblast"),
    ],
}  # fmt: skip

MEETINGS = {
    "seniori": [
        ("2026-02-10", "Jednání k návrhu kapitoly Senioři", "MěÚ Valašské Meziříčí, zasedací místnost",
         9, "<p>Členové prošli výsledky dotazníku mezi seniory a shodli se na prioritách "
            "kapitoly: péče v domácnosti, odlehčení pečujícím a doprava k lékaři.</p>"),
        ("2026-04-14", "Připomínky k opatřením", "Charita Bečva, Kpt. Jaroše 1",
         7, "<p>Skupina upřesnila náklady opatření 1.1.1 a doplnila ukazatele.</p>"),
    ],
    "zdravotni-postizeni": [
        ("2026-02-17", "Úvodní jednání k plánu 2026–2029", "Diakonie Valašsko, Sokolská 50",
         8, "<p>Projednána potřeba chráněného bydlení a pracovních příležitostí.</p>"),
    ],
    "rodina-deti-mladez": [
        ("2026-02-24", "Potřeby rodin v mikroregionu", "Rodinné centrum Kamarád",
         10, "<p>Skupina vyhodnotila dostupnost sociálně aktivizačních služeb v malých obcích.</p>"),
    ],
    "lide-v-krizi": [
        ("2026-03-03", "Bydlení pro lidi v nouzi", "Most k domovu, Zámecká 2",
         6, "<p>Projednán záměr krizového bytu a rozšíření terénního programu.</p>"),
    ],
    "prevence": [
        ("2026-03-10", "Prevence závislostí u mládeže", "MěÚ Kelč",
         7, "<p>Dohodnuta spolupráce se školami na programech primární prevence.</p>"),
    ],
    "obce": [
        ("2026-03-17", "Financování sítě služeb", "Radnice Valašské Meziříčí",
         12, "<p>Obce projednaly model spolufinancování služeb podle počtu obyvatel.</p>"),
    ],
}  # fmt: skip


NEWS = [
    ("2026-01-20", "Začíná příprava komunitního plánu 2026–2029",
     "Pracovní skupiny se sejdou v únoru a březnu. Zapojit se může každý.",
     "<p>Mikroregion zahájil přípravu nového komunitního plánu. Pracovní skupiny přivítají "
     "nové členy z řad uživatelů služeb i veřejnosti.</p>"),
    ("2026-03-02", "Dotazník pro seniory a pečující",
     "Do konce března můžete vyplnit dotazník o potřebách seniorů.",
     "<p>Dotazník je k dispozici na obecních úřadech a v pečovatelské službě.</p>"),
    ("2026-05-12", "Návrh plánu k připomínkování",
     "Návrh kapitol je zveřejněn k připomínkám do 15. června.",
     "<p>Připomínky posílejte koordinátorovi KPSS e-mailem nebo je odevzdejte na podatelně.</p>"),
    ("2026-06-30", "Katalog služeb je aktualizovaný",
     "Poskytovatelé doplnili údaje o svých službách.",
     "<p>Katalog obsahuje přes třicet sociálních a souvisejících služeb v mikroregionu.</p>"),
]  # fmt: skip

# The opening text of every chapter's body; the lead (summary) says what the chapter is about.
