"""English texts of the demo content: the home page, the page about community planning, the
plan, its first chapter and the code lists; used by kpss_demo through wagtail-localize.
"""

ENGLISH: dict[str, str] = {
    # Home page
    "Komunitní plánování sociálních služeb na Valašskomeziříčsku a Kelečsku": (
        "Community planning of social services in Valašskomeziříčsko and Kelečsko"
    ),
    "domu": "home",
    "Společné plánování sociálních a souvisejících služeb v regionu.": (
        "Planning social and related services together in the region."
    ),
    (
        "Společně plánujeme sociální a související služby tak, aby odpovídaly potřebám lidí v "
        "osmnácti obcích mikroregionu. Zapojit se může každý: obce, poskytovatelé služeb i ti, "
        "kdo služby využívají."
    ): (
        "Together we plan social and related services so that they meet the needs of people in "
        "the eighteen municipalities of the micro-region. Anyone can take part: municipalities, "
        "service providers and the people who use the services."
    ),
    "Co na webu najdete": "What you will find on this website",
    "schválený komunitní plán s prioritami, cíli a opatřeními,": (
        "the approved community plan with its priorities, goals and measures (so far its first "
        "chapter in English),"
    ),
    "katalog sociálních a souvisejících služeb v mikroregionu,": (
        "a catalogue of social and related services in the micro-region (in Czech),"
    ),
    "pracovní skupiny, jejich členy a zápisy z jednání,": (
        "the working groups, their members and the minutes of their meetings (in Czech),"
    ),
    "aktuality z procesu plánování.": "news from the planning process (in Czech).",
    # Page about community planning
    "O komunitním plánování": "About community planning",
    "o-komunitnim-planovani": "about-community-planning",
    "Co je komunitní plánování, kdo se ho účastní a jak probíhá v mikroregionu.": (
        "What community planning is, who takes part in it and how it works in the micro-region."
    ),
    (
        "Komunitní plánování je způsob, jak v obci nebo regionu zjistit, co lidé potřebují, a "
        "podle toho utvářet nabídku sociálních služeb. Nejde o rozhodování od stolu, ale o "
        "otevřený a opakovaný rozhovor všech, kterých se služby týkají."
    ): (
        "Community planning is a way of finding out what people in a municipality or region need "
        "and shaping the range of social services accordingly. It is not about decisions made "
        "behind a desk, but an open and ongoing dialogue among everyone the services concern."
    ),
    "Kdo se účastní": "Who takes part",
    "<b>Zadavatelé</b> – obce a kraj, které za zajištění služeb odpovídají a platí je.": (
        "<b>Commissioners</b> – the municipalities and the region, which are responsible for "
        "securing the services and pay for them."
    ),
    "<b>Poskytovatelé</b> – neziskové i příspěvkové organizace, které služby provozují.": (
        "<b>Providers</b> – non-profit and publicly funded organisations that run the services."
    ),
    (
        "<b>Uživatelé</b> – lidé v nepříznivé sociální situaci, kteří služby využívají, a "
        "veřejnost."
    ): (
        "<b>Users</b> – people in an adverse social situation who use the services, and the public."
    ),
    "Na čem plánování stojí": "The principles of planning",
    "Partnerství: potřeby všech účastníků mají stejnou váhu.": (
        "Partnership: the needs of all participants carry equal weight."
    ),
    "Nikdo nesmí být vyloučen.": "No one may be excluded.",
    "Hledání nových lidských a finančních zdrojů.": "Seeking new human and financial resources.",
    "Rovný přístup k informacím a jejich předávání veřejnosti.": (
        "Equal access to information and passing it on to the public."
    ),
    "Cesta je stejně důležitá jako výsledný dokument.": (
        "The process is as important as the final document."
    ),
    "Spolupráce mezi všemi účastníky.": "Cooperation among all participants.",
    "Kompromis mezi tím, co chceme, a tím, co máme.": (
        "A compromise between what we want and what we have."
    ),
    "Plánování v našem mikroregionu": "Planning in our micro-region",
    (
        "V mikroregionu se komunitně plánuje od roku 2006, nejprve ve Valašském Meziříčí, od "
        "roku 2011 v celém mikroregionu. Pracuje zde šest pracovních skupin zaměřených na "
        "jednotlivé cílové skupiny. Jejich práci zastřešuje manažerský tým a plán schvaluje "
        "nadoborová skupina pro dohodu, v níž zasedají zástupci obcí a dalších organizací "
        "regionu."
    ): (
        "Community planning has been carried out in the micro-region since 2006, first in "
        "Valašské Meziříčí and since 2011 across the whole micro-region. Six working groups "
        "operate here, each focusing on a particular target group. Their work is overseen by the "
        "management team, and the plan is approved by the steering group for agreement, which "
        "brings together representatives of the municipalities and other organisations in the "
        "region."
    ),
    "Chcete se zapojit?": "Would you like to get involved?",
    "Přijďte na jednání kterékoli pracovní skupiny; termíny najdete na stránkách skupin.": (
        "Come to a meeting of any working group; you will find the dates on the groups' pages."
    ),
    "Plánování sociálních služeb je věc veřejná.": "Planning social services is a public matter.",
    "motto komunitního plánování": "the motto of community planning",
    # Community plan
    "Komunitní plán sociálních služeb 2026–2029": "Community plan of social services 2026–2029",
    "komunitni-plan-2026-2029": "community-plan-2026-2029",
    "Střednědobý plán rozvoje sociálních a souvisejících služeb mikroregionu.": (
        "Medium-term plan for the development of social and related services in the micro-region."
    ),
    "mikroregion Valašskomeziříčsko-Kelečsko (18 obcí, ORP Valašské Meziříčí)": (
        "Valašskomeziříčsko-Kelečsko micro-region (18 municipalities, municipality with extended "
        "powers of Valašské Meziříčí)"
    ),
    (
        "Plán navazuje na předchozí plány z let 2012–2016 a 2022–2024. Vznikl v šesti pracovních "
        "skupinách, posoudil jej manažerský tým a schválila nadoborová skupina pro dohodu."
    ): (
        "The plan follows on from the previous plans for 2012–2016 and 2022–2024. It was drawn "
        "up in six working groups, reviewed by the management team and approved by the steering "
        "group for agreement."
    ),
    # Chapter Senioři: priorities, goals, measures, indicators and units
    "Senioři": "Seniors",
    "seniori": "seniors",
    "Senioři mají žít co nejdéle doma, s dostupnou péčí a podporou pro ty, kdo o ně pečují.": (
        "Seniors should be able to live at home for as long as possible, with accessible care "
        "and support for those who care for them."
    ),
    "Podpora života seniorů v přirozeném prostředí": (
        "Supporting seniors to live in their home environment"
    ),
    "Zajistit dostupnou terénní péči ve všech obcích": (
        "Ensure accessible outreach care in all municipalities"
    ),
    "Rozšíření pečovatelské služby do malých obcí": (
        "Extending the home care service to small municipalities"
    ),
    (
        "Navýšení úvazků pečovatelek tak, aby služba byla dostupná i o víkendech v obcích Kelečska."
    ): (
        "Increasing care workers' hours so that the service is also available at weekends in the "
        "municipalities of Kelečsko."
    ),
    "počet obcí s dostupnou službou o víkendu": (
        "number of municipalities with the service available at weekends"
    ),
    "obcí": "municipalities",
    "počet klientů": "number of clients",
    "klientů": "clients",
    "Zavedení tísňové péče pro osamělé seniory": (
        "Introducing emergency care for seniors living alone"
    ),
    "Nabídka tísňového tlačítka osamělým seniorům s příspěvkem obce.": (
        "Offering an alarm button to seniors living alone, with a contribution from the "
        "municipality."
    ),
    "počet zapojených domácností": "number of households involved",
    "domácností": "households",
    "Senior taxi v Kelči a okolí": "Senior taxi in Kelč and the surrounding area",
    "Doprava seniorů k lékaři a na úřady za symbolickou cenu.": (
        "Transport for seniors to the doctor and to public offices for a nominal fare."
    ),
    "počet jízd ročně": "number of trips per year",
    "jízd": "trips",
    "Podpořit pečující rodiny": "Support caring families",
    "Odlehčovací služba s rozšířenou kapacitou": "Respite care with increased capacity",
    "Navýšení kapacity odlehčovací služby o čtyři lůžka.": (
        "Increasing the capacity of respite care by four beds."
    ),
    "kapacita": "capacity",
    "lůžek": "beds",
    "Kurzy pro pečující": "Courses for carers",
    "Cyklus praktických kurzů péče o blízkého v domácnosti.": (
        "A series of practical courses on caring for a loved one at home."
    ),
    "počet absolventů": "number of graduates",
    "osob": "people",
    # Code list: kinds of social service (Act No. 108/2006 Coll., sections 37-70)
    "sociální poradenství": "social counselling",
    "socialni-poradenstvi": "social-counselling",
    "osobní asistence": "personal assistance",
    "osobni-asistence": "personal-assistance",
    "pečovatelská služba": "home care service",
    "pecovatelska-sluzba": "home-care-service",
    "tísňová péče": "emergency care (personal alarm)",
    "tisnova-pece": "emergency-care",
    "průvodcovské a předčitatelské služby": "guide and reading services",
    "pruvodcovske-a-predcitatelske-sluzby": "guide-and-reading-services",
    "podpora samostatného bydlení": "support for independent living",
    "podpora-samostatneho-bydleni": "support-for-independent-living",
    "odlehčovací služby": "respite care",
    "odlehcovaci-sluzby": "respite-care",
    "centra denních služeb": "day service centres",
    "centra-dennich-sluzeb": "day-service-centres",
    "denní stacionáře": "day care centres",
    "denni-stacionare": "day-care-centres",
    "týdenní stacionáře": "weekly care centres",
    "tydenni-stacionare": "weekly-care-centres",
    "domovy pro osoby se zdravotním postižením": "homes for people with disabilities",
    "domovy-pro-osoby-se-zdravotnim-postizenim": "homes-for-people-with-disabilities",
    "domovy pro seniory": "homes for the elderly",
    "domovy-pro-seniory": "homes-for-the-elderly",
    "domovy se zvláštním režimem": "homes with a special regime",
    "domovy-se-zvlastnim-rezimem": "homes-with-a-special-regime",
    "chráněné bydlení": "sheltered housing",
    "chranene-bydleni": "sheltered-housing",
    "sociální služby poskytované ve zdravotnických zařízeních lůžkové péče": (
        "social services provided in inpatient healthcare facilities"
    ),
    "socialni-sluzby-poskytovane-ve-zdravotnickych-zarizenich-luzkove-pece": (
        "social-services-provided-in-inpatient-healthcare-facilities"
    ),
    "raná péče": "early intervention",
    "rana-pece": "early-intervention",
    "telefonická krizová pomoc": "crisis helpline",
    "telefonicka-krizova-pomoc": "crisis-helpline",
    "tlumočnické služby": "interpreting services",
    "tlumocnicke-sluzby": "interpreting-services",
    "azylové domy": "shelters",
    "azylove-domy": "shelters",
    "domy na půl cesty": "halfway houses",
    "domy-na-pul-cesty": "halfway-houses",
    "kontaktní centra": "contact centres",
    "kontaktni-centra": "contact-centres",
    "krizová pomoc": "crisis assistance",
    "krizova-pomoc": "crisis-assistance",
    "intervenční centra": "intervention centres",
    "intervencni-centra": "intervention-centres",
    "nízkoprahová denní centra": "low-threshold day centres",
    "nizkoprahova-denni-centra": "low-threshold-day-centres",
    "nízkoprahová zařízení pro děti a mládež": "low-threshold facilities for children and youth",
    "nizkoprahova-zarizeni-pro-deti-a-mladez": "low-threshold-facilities-for-children-and-youth",
    "noclehárny": "night shelters",
    "nocleharny": "night-shelters",
    "služby následné péče": "aftercare services",
    "sluzby-nasledne-pece": "aftercare-services",
    "sociálně aktivizační služby pro rodiny s dětmi": (
        "social activation services for families with children"
    ),
    "socialne-aktivizacni-sluzby-pro-rodiny-s-detmi": (
        "social-activation-services-for-families-with-children"
    ),
    "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením": (
        "social activation services for seniors and people with disabilities"
    ),
    "socialne-aktivizacni-sluzby-pro-seniory-a-osoby-se-zdravotnim-postizenim": (
        "social-activation-services-for-seniors-and-people-with-disabilities"
    ),
    "sociálně terapeutické dílny": "social therapy workshops",
    "socialne-terapeuticke-dilny": "social-therapy-workshops",
    "terapeutické komunity": "therapeutic communities",
    "terapeuticke-komunity": "therapeutic-communities",
    "terénní programy": "outreach programmes",
    "terenni-programy": "outreach-programmes",
    "sociální rehabilitace": "social rehabilitation",
    "socialni-rehabilitace": "social-rehabilitation",
    # Code list: target groups
    "senioři": "seniors",
    "osoby s tělesným postižením": "people with physical disabilities",
    "osoby-s-telesnym-postizenim": "people-with-physical-disabilities",
    "osoby se zrakovým postižením": "people with visual impairments",
    "osoby-se-zrakovym-postizenim": "people-with-visual-impairments",
    "osoby se sluchovým postižením": "people with hearing impairments",
    "osoby-se-sluchovym-postizenim": "people-with-hearing-impairments",
    "osoby s mentálním postižením": "people with intellectual disabilities",
    "osoby-s-mentalnim-postizenim": "people-with-intellectual-disabilities",
    "osoby s kombinovaným postižením": "people with multiple disabilities",
    "osoby-s-kombinovanym-postizenim": "people-with-multiple-disabilities",
    "osoby s chronickým onemocněním": "people with chronic illness",
    "osoby-s-chronickym-onemocnenim": "people-with-chronic-illness",
    "osoby s chronickým duševním onemocněním": "people with chronic mental illness",
    "osoby-s-chronickym-dusevnim-onemocnenim": "people-with-chronic-mental-illness",
    "osoby se zdravotním postižením": "people with disabilities",
    "osoby-se-zdravotnim-postizenim": "people-with-disabilities",
    "osoby s jiným zdravotním postižením": "people with other disabilities",
    "osoby-s-jinym-zdravotnim-postizenim": "people-with-other-disabilities",
    "rodiny s dítětem/dětmi": "families with a child or children",
    "rodiny-s-ditetemdetmi": "families-with-children",
    "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy": (
        "children and youth aged 6 to 26 at risk from socially undesirable phenomena"
    ),
    "deti-a-mladez-ve-veku-od-6-do-26-let-ohrozene-spolecensky-nezadoucimi-jevy": (
        "children-and-youth-aged-6-to-26-at-risk-from-socially-undesirable-phenomena"
    ),
    "osoby v krizi": "people in crisis",
    "osoby-v-krizi": "people-in-crisis",
    "oběti domácího násilí": "victims of domestic violence",
    "obeti-domaciho-nasili": "victims-of-domestic-violence",
    "oběti trestné činnosti": "victims of crime",
    "obeti-trestne-cinnosti": "victims-of-crime",
    "oběti obchodu s lidmi": "victims of human trafficking",
    "obeti-obchodu-s-lidmi": "victims-of-human-trafficking",
    "osoby bez přístřeší": "homeless people",
    "osoby-bez-pristresi": "homeless-people",
    "osoby žijící v sociálně vyloučených komunitách": (
        "people living in socially excluded communities"
    ),
    "osoby-zijici-v-socialne-vyloucenych-komunitach": (
        "people-living-in-socially-excluded-communities"
    ),
    "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy": (
        "people who lead a risky lifestyle or are at risk of doing so"
    ),
    "osoby-ktere-vedou-rizikovy-zpusob-zivota-nebo-jsou-timto-zpusobem-zivota-ohrozeny": (
        "people-who-lead-a-risky-lifestyle-or-are-at-risk-of-doing-so"
    ),
    "osoby ohrožené závislostí nebo závislé na návykových látkách": (
        "people dependent on or at risk of dependence on addictive substances"
    ),
    "osoby-ohrozene-zavislosti-nebo-zavisle-na-navykovych-latkach": (
        "people-dependent-on-or-at-risk-of-dependence-on-addictive-substances"
    ),
    "osoby komerčně zneužívané": "commercially exploited people",
    "osoby-komercne-zneuzivane": "commercially-exploited-people",
    "pachatelé trestné činnosti": "offenders",
    "pachatele-trestne-cinnosti": "offenders",
    "etnické menšiny": "ethnic minorities",
    "etnicke-mensiny": "ethnic-minorities",
    "imigranti a azylanti": "immigrants and asylum holders",
    "imigranti-a-azylanti": "immigrants-and-asylum-holders",
    "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče": (
        "people under 26 leaving institutional care facilities"
    ),
    "osoby-do-26-let-veku-opoustejici-skolska-zarizeni-pro-vykon-ustavni-pece": (
        "people-under-26-leaving-institutional-care-facilities"
    ),
    # Code list: age categories
    "děti předškolního věku (1–6 let)": "pre-school children (1–6 years)",
    "deti-predskolniho-veku": "pre-school-children",
    "mladší děti (7–10 let)": "younger children (7–10 years)",
    "mladsi-deti": "younger-children",
    "starší děti (11–15 let)": "older children (11–15 years)",
    "starsi-deti": "older-children",
    "dorost (16–18 let)": "adolescents (16–18 years)",
    "dorost": "adolescents",
    "mladí dospělí (19–26 let)": "young adults (19–26 years)",
    "mladi-dospeli": "young-adults",
    "dospělí (27–64 let)": "adults (27–64 years)",
    "dospeli": "adults",
    "mladší senioři (65–80 let)": "younger seniors (65–80 years)",
    "mladsi-seniori": "younger-seniors",
    "starší senioři (nad 80 let)": "older seniors (over 80 years)",
    "starsi-seniori": "older-seniors",
    # Code list: forms of provision
    "ambulantní": "outpatient",
    "ambulantni": "outpatient",
    "terénní": "outreach",
    "terenni": "outreach",
    "pobytová": "residential",
    "pobytova": "residential",
    "Kapitolu připravila pracovní skupina z podkladů analýzy potřeb, z podnětů poskytovatelů "
    "a uživatelů služeb a z jednání se zástupci obcí. Priority, cíle a opatření níže projednal "
    "manažerský tým a schválila nadoborová skupina pro dohodu.": (
        "The working group prepared this chapter from the needs analysis, from the suggestions "
        "of providers and users of services and from talks with the municipalities. The "
        "management team reviewed the priorities, goals and measures below and the steering "
        "group approved them."
    ),
}
