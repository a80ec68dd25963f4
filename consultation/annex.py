"""The settlements of a plan's consultations as annexes of the plan's PDF (kpss_pages asks
through settings.KPSS_PLAN_ANNEXES)."""

from django.utils.translation import gettext as _

from consultation.models import ConsultationPage
from consultation.table import published_rows
from kpss_pages.plan_pdf import Annex


def plan_annexes(plan):
    found = []
    for consultation in ConsultationPage.objects.child_of(plan).live().order_by("path"):
        settlement = consultation.live_settlement()
        if settlement is None:
            continue
        found.append(
            Annex(
                version=f"vyporadani:{settlement.pk}:{settlement.live_revision_id}",
                title=_("Vypořádání připomínek – %(title)s") % {"title": consultation.title},
                template="consultation/pdf_settlement.html",
                context={
                    "consultation": consultation,
                    "rows": published_rows(settlement),
                    "url": consultation.full_url + "vyporadani/",
                },
            )
        )
    return found
