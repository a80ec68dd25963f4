"""A closed consultation on the plan's update, its 15 comments settled in every outcome by the
working groups and approved with the update itself: the accepted comment on the seniors'
measure links to the measure in version 2 and to the comparison of the two versions."""

import datetime

from django.utils import timezone

from consultation import settling
from consultation.models import Channel, ConsultationPage, Outcome, SettlementPage
from demo import plan_text, route
from demo.consultation import record_comment
from demo.site import rich
from kpss_pages.models.plan import number_hierarchy
from workflows import notifications
from workflows.archive import approved_versions

A, P, R, N, OUT = (
    Outcome.ACCEPTED,
    Outcome.PARTLY,
    Outcome.REJECTED,
    Outcome.NOTED,
    Outcome.OUT_OF_SCOPE,
)
# Working groups by their pages' slugs.
SENIORS, DISABLED, FAMILIES = "seniori", "lide-se-zdravotnim-postizenim", "rodina-deti-a-mladez"
CRISIS, PREVENTION = "lide-v-krizi-a-nouzi", "prevence-socialne-patologickych-jevu"
MUNICIPALITIES = "obce-mikroregionu"
# (working group slug or None for the whole plan, measure or None for the chapter, name,
# role, channel, consent to publish the name, text, outcome, reason)
COMMENTS = [
    (SENIORS, 0, "Alena Kubíčková", "uzivatel", Channel.WEB, True,
     "Pečovatelská služba do malých obcí potřebuje víc peněz, v Podlesí čekáme měsíce.",
     A, "Odhad nákladů opatření zvyšujeme a počet klientů na 300."),
    (SENIORS, 0, "Obec Police", "zadavatel", Channel.DATA_BOX, True,
     "Navrhujeme, aby služba jezdila i do místních částí pod 200 obyvatel.",
     P, "Místní části zahrneme podle kapacity služby; pevný limit obyvatel neuvádíme."),
    (SENIORS, None, "Jiří Novotný", "verejnost", Channel.WEB, False,
     "V kapitole chybí zmínka o osamělosti seniorů.",
     N, "Téma osamělosti řeší aktivizační programy; zmíníme je v příští aktualizaci."),
    (SENIORS, 1, "Charita Bečva", "poskytovatel", Channel.EMAIL, True,
     "Odlehčovací služba potřebuje dvě lůžka navíc.",
     R, "Navýšení lůžek není v souladu s krajskou sítí služeb na tento rok."),
    (DISABLED, 0, "Petra Malá", "uzivatel", Channel.WEB, True,
     "Chybí bezbariérová doprava na rehabilitace.",
     P, "Dopravu zajistí opatření senior taxi, rozšířené i pro lidi se zdravotním postižením."),
    (DISABLED, None, "Spolek Bez bariér", "poskytovatel", Channel.POST, True,
     "Plán by měl obsahovat mapu bezbariérových míst.",
     OUT, "Mapa bezbariérovosti je úkolem města, ne plánu sociálních služeb."),
    (FAMILIES, 0, "Lucie Horká", "uzivatel", Channel.WEB, False,
     "Sociálně aktivizační služba pro rodiny by měla být i odpoledne.",
     A, "Provozní dobu služby rozšíříme o odpoledne."),
    (FAMILIES, None, "Martin Dvořáček", "verejnost", Channel.HEARING, True,
     "Kapitola je příliš dlouhá a nesrozumitelná.",
     N, "Připravíme srozumitelné shrnutí kapitoly."),
    (CRISIS, 0, "Azylový dům Naděje", "poskytovatel", Channel.EMAIL, True,
     "Krizová lůžka v zimě nestačí.",
     R, "Kapacita odpovídá zjištěné potřebě; stav vyhodnotíme při monitoringu."),
    (CRISIS, None, "Karel Beneš", "verejnost", Channel.WEB, False,
     "Město by mělo zrušit vyhlášku o žebrání.",
     OUT, "Vyhlášky obcí nejsou předmětem komunitního plánu."),
    (PREVENTION, 0, "Základní škola Zašová", "zadavatel", Channel.DATA_BOX, True,
     "Prevenci na školách by měla dělat jedna organizace pro celý mikroregion.",
     P, "Koordinaci programů převezme pracovní skupina; realizátorů může být více."),
    (PREVENTION, None, "Eva Šimková", "uzivatel", Channel.IN_PERSON, True,
     "Děkuji za zařazení terénní práce s mládeží.",
     N, "Děkujeme za podporu."),
    (MUNICIPALITIES, 0, "Obec Lhota", "zadavatel", Channel.DATA_BOX, True,
     "Obce potřebují přehled, kolik za služby platí.",
     A, "Doplníme přehled financování služeb podle obcí."),
    (MUNICIPALITIES, None, "Tomáš Vlček", "verejnost", Channel.WEB, True,
     "Plán by měl řešit i nedostatek praktických lékařů.",
     OUT, "Zdravotní péče není předmětem plánu sociálních služeb."),
    (None, None, "Jana Pokorná", "verejnost", Channel.HEARING, True,
     "Veřejné projednání by mělo být i večer, aby mohli přijít pracující.",
     R, "Projednání se konalo v 16 hodin po dohodě s obcemi; příště nabídneme i online účast."),
]  # fmt: skip


def _measure_code(chapter, title):
    first = chapter.first_priority_number()
    for priority in number_hierarchy(chapter.priorities, first):
        for goal in priority.children:
            for measure in goal.children:
                if measure.value["title"] == title:
                    return measure.code
    return ""


def _target(snapshot, chapters, group, measure):
    if group is None:
        return snapshot.target("plan")
    chapter = chapters[group]
    frozen = next(c for c in snapshot.chapters if c.page.pk == chapter.pk)
    if measure is None:
        return frozen.target
    measures = [part for part in frozen.parts if part.code.count(".") == 2]
    return measures[min(measure, len(measures) - 1)]


def _consultation(plan, v1):
    today = timezone.localdate()
    page = ConsultationPage(
        title="Připomínkování návrhu aktualizace plánu (jaro 2026)",
        slug="pripominkovani-navrhu-aktualizace",
        summary="Uzavřené připomínkování s vypořádáním všech 15 připomínek.",
        opens_on=today - datetime.timedelta(days=75),
        closes_on=today - datetime.timedelta(days=50),
        hearing_at=timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=60), datetime.time(16))
        ),
        hearing_place="Městský úřad Valašské Meziříčí, zasedací místnost",
        rules=rich("Připomínky mohl podat kdokoli formulářem, e-mailem nebo datovou schránkou."),
        frozen=v1,
    )
    plan.add_child(instance=page)
    return page


def first_versions(plan, chapters):
    """The plan as first adopted: the oldest approved revision of the plan and each chapter, as
    ConsultationPage.frozen holds them."""

    def first(page):
        return approved_versions(page)[-1].revision.pk

    return {
        "plan": first(plan),
        "chapters": [{"chapter": c.pk, "revision": first(c)} for c in chapters.values()],
    }


def settled_consultation(users, plan):
    """Returns the number of things created."""
    chapters = {c.working_group.slug: c for c in route.czech_chapters(plan)}
    page = _consultation(plan, first_versions(plan, chapters))
    with notifications.muted():
        route.approve(page, users, route.ADOPTION)
        snapshot = ConsultationPage.objects.get(pk=page.pk).snapshot
        updated = chapters[plan_text.CHAPTER_UPDATE[0]].specific
        changed = _measure_code(updated, plan_text.CHAPTER_UPDATE[1])
        for number, row in enumerate(COMMENTS):
            group, measure, name, role, channel, consent, text, outcome, reason = row
            target = _target(snapshot, chapters, group, measure)
            day = page.opens_on + datetime.timedelta(days=number + 2)
            comment = record_comment(
                page,
                target,
                users,
                channel=channel,
                name=name,
                role=role,
                text=text,
                consent=consent,
                when=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            )
            settler = users[f"ps.{group}"] if group else users["mt.kovarova"]
            settling.propose(page, settler, [comment], outcome, reason)
        settlement = SettlementPage.objects.child_of(page).get()
        draft = settlement.get_latest_revision_as_object()
        rows = list(draft.rows.all())  # read once (see consultation.settling.propose)
        rows[0].changed_part = changed
        draft.rows = rows
        draft.save_revision(user=users["mt.kovarova"])
        # A fresh instance: the route continues from the latest revision, the one just saved.
        route.approve(SettlementPage.objects.get(pk=settlement.pk), users, route.UPDATE)
    return 2 + len(COMMENTS)
