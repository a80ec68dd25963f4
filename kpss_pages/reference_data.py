"""Code lists of the national registry of social services (act no. 108/2006 Sb.), as shipped.

kpss_setup loads them idempotently; editors may add rows later (the registry's lists grow).
"""

COUNSELLING, CARE, PREVENTION = "poradenstvi", "pece", "prevence"

# (paragraph, name, category)
SERVICE_KINDS = [
    ("37", "sociální poradenství", COUNSELLING),
    ("39", "osobní asistence", CARE),
    ("40", "pečovatelská služba", CARE),
    ("41", "tísňová péče", CARE),
    ("42", "průvodcovské a předčitatelské služby", CARE),
    ("43", "podpora samostatného bydlení", CARE),
    ("44", "odlehčovací služby", CARE),
    ("45", "centra denních služeb", CARE),
    ("46", "denní stacionáře", CARE),
    ("47", "týdenní stacionáře", CARE),
    ("48", "domovy pro osoby se zdravotním postižením", CARE),
    ("49", "domovy pro seniory", CARE),
    ("50", "domovy se zvláštním režimem", CARE),
    ("51", "chráněné bydlení", CARE),
    ("52", "sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", CARE),
    ("54", "raná péče", PREVENTION),
    ("55", "telefonická krizová pomoc", PREVENTION),
    ("56", "tlumočnické služby", PREVENTION),
    ("57", "azylové domy", PREVENTION),
    ("58", "domy na půl cesty", PREVENTION),
    ("59", "kontaktní centra", PREVENTION),
    ("60", "krizová pomoc", PREVENTION),
    ("60a", "intervenční centra", PREVENTION),
    ("61", "nízkoprahová denní centra", PREVENTION),
    ("62", "nízkoprahová zařízení pro děti a mládež", PREVENTION),
    ("63", "noclehárny", PREVENTION),
    ("64", "služby následné péče", PREVENTION),
    ("65", "sociálně aktivizační služby pro rodiny s dětmi", PREVENTION),
    ("66", "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením", PREVENTION),
    ("67", "sociálně terapeutické dílny", PREVENTION),
    ("68", "terapeutické komunity", PREVENTION),
    ("69", "terénní programy", PREVENTION),
    ("70", "sociální rehabilitace", PREVENTION),
]

TARGET_GROUPS = [
    "senioři",
    "osoby s tělesným postižením",
    "osoby se zrakovým postižením",
    "osoby se sluchovým postižením",
    "osoby s mentálním postižením",
    "osoby s kombinovaným postižením",
    "osoby s chronickým onemocněním",
    "osoby s chronickým duševním onemocněním",
    "osoby se zdravotním postižením",
    "osoby s jiným zdravotním postižením",
    "rodiny s dítětem/dětmi",
    "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy",
    "osoby v krizi",
    "oběti domácího násilí",
    "oběti trestné činnosti",
    "oběti obchodu s lidmi",
    "osoby bez přístřeší",
    "osoby žijící v sociálně vyloučených komunitách",
    "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy",
    "osoby ohrožené závislostí nebo závislé na návykových látkách",
    "osoby komerčně zneužívané",
    "pachatelé trestné činnosti",
    "etnické menšiny",
    "imigranti a azylanti",
    "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče",
]

# (name, age_from, age_to); the top band has no upper bound.
AGE_CATEGORIES = [
    ("děti předškolního věku (1–6 let)", 1, 6),
    ("mladší děti (7–10 let)", 7, 10),
    ("starší děti (11–15 let)", 11, 15),
    ("dorost (16–18 let)", 16, 18),
    ("mladí dospělí (19–26 let)", 19, 26),
    ("dospělí (27–64 let)", 27, 64),
    ("mladší senioři (65–80 let)", 65, 80),
    ("starší senioři (nad 80 let)", 81, None),
]

FORMS_OF_PROVISION = ["ambulantní", "terénní", "pobytová"]


def sync_row(model, lookup, values):
    """Create the row or update it, saving only when a value differs (so history stays quiet)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj, bool(changed)
