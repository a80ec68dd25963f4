"""An open consultation on the demo's draft action plan for next year, published through the
approval route, with comments from the web form and one received by data box."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from consultation.models import Channel, Comment, ConsultationPage
from consultation.snapshot import freeze
from demo import route
from demo.site import rich
from workflows import notifications

RULES = (
    "Připomínky k návrhu akčního plánu může podat kdokoli: obyvatelé, uživatelé služeb, "
    "poskytovatelé i obce. "
    "Podejte je formulářem u části návrhu, e-mailem nebo datovou schránkou mikroregionu. "
    "Každou připomínku vypořádá pracovní skupina odpovědná za opatření a vypořádání schválí "
    "nadoborová skupina pro dohodu; zveřejníme ho u akčního plánu."
)
# (part of the draft: None for the whole plan, or (chapter number, code); name, role, text,
# channel)
COMMENTS = [
    (
        (1, "1.1.3"),
        "Marie Svobodová",
        "uzivatel",
        "Senior taxi by mělo jezdit i do Valašského Meziříčí k odborným lékařům, ne jen po Kelči.",
        Channel.WEB,
    ),
    (
        (1, "1.2.1"),
        "Obec Zašová",
        "zadavatel",
        "Podíl obcí na odlehčovací službě je pro malé obce vysoký; navrhujeme rozpočítat ho "
        "podle počtu obyvatel.",
        Channel.DATA_BOX,
    ),
    (
        None,
        "Petr Dvořák",
        "verejnost",
        "Akční plán by měl u každého opatření uvést, kdo za něj v roce odpovídá a kdy bude hotové.",
        Channel.WEB,
    ),
]


def record_comment(page, target, users, *, channel, name, role, text, consent=True, when=None):
    """A comment on `target` that counts: entered by the management team unless it came
    through the web form (where its sender confirmed it)."""
    comment = Comment.objects.create(
        consultation=page,
        received_at=when or timezone.now(),
        channel=channel,
        entered_by=None if channel == Channel.WEB else users["mt.kovarova"],
        name=name,
        email=f"{slugify(name)}@example.cz",
        role=role,
        publish_name=consent,
        target_chapter_id=target.chapter_id,
        target_code=target.code,
        target_label=target.label,
        text=text,
    )
    comment.count()
    return comment


def _target(snapshot, part):
    if part is None:
        return snapshot.target("plan")
    number, code = part
    chapter = next(c for c in snapshot.chapters if c.page.number == number)
    return snapshot.target(f"{chapter.page.pk}:{code}" if code else str(chapter.page.pk))


def open_consultation(users, action_plan):
    """Returns the number of things created."""
    today = timezone.localdate()
    page = ConsultationPage(
        title=f"Připomínkování akčního plánu na rok {action_plan.year}",
        slug=f"pripominkovani-akcniho-planu-{action_plan.year}",
        summary="Návrh akčního plánu na příští rok je otevřen připomínkám veřejnosti.",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=16),
        hearing_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(16))
        ),
        hearing_place="Městský úřad Valašské Meziříčí, zasedací místnost",
        rules=rich(RULES),
        frozen=freeze(action_plan),
    )
    action_plan.add_child(instance=page)
    with notifications.muted():
        route.approve(page, users, route.UPDATE)
    snapshot = ConsultationPage.objects.get(pk=page.pk).snapshot
    for part, name, role, text, channel in COMMENTS:
        target = _target(snapshot, part)
        record_comment(page, target, users, channel=channel, name=name, role=role, text=text)
    return 1 + len(COMMENTS)
