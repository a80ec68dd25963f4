"""What the public reads of the monitoring: the approved evaluation of a year (its context),
the line at each measure of a chapter page ("Plnění 2026: splněno"), and the open data."""

from django.utils import translation
from django.utils.translation import gettext as _

from kpss_pages import fragments
from monitoring import charts
from monitoring.evaluation import STATUS_ROWS, by_source, rollup, year_on_year


def evaluation_context(page, request):
    """Everything the evaluation page shows, from its frozen data and the year before's: two
    queries whatever the number of measures."""
    data = page.data or {}
    whole = rollup(data)
    previous = page.previous()
    comparison = year_on_year(data, previous.data if previous else None)
    sources = by_source(data.get("measures", []))
    labels = dict(STATUS_ROWS)
    written_in = data.get("language", "")
    return {
        "texts_lang": written_in if written_in and written_in != translation.get_language() else "",
        "whole": whole,
        "status_labels": labels,
        "sources": sources,
        "comparison": comparison,
        "status_chart": charts.status_bars(
            "graf-stavy",
            _("Stav plnění opatření podle priorit"),
            [(p.code, f"{_('Priorita')} {p.code}", p.counts) for p in whole.children],
        ),
        "cost_chart": charts.cost_bars(
            "graf-naklady",
            _("Náklady podle zdrojů: plánováno a skutečně"),
            [(label, planned, actual) for label, planned, _approved, actual in sources],
        ),
        "plan_link": fragments.fragment(
            f"evaluation-plan:{page.pk}", lambda: _plan_link(page, request)
        ),
    }


def _plan_link(page, request):
    fragments.depends_on(fragments.page_tag(page.pk))
    plan = page.get_parent().get_parent()
    return {"title": plan.title, "url": plan.get_url(request)}


def measure_notes(chapter, request):
    """{measure id: [{"text": "Plnění 2026: splněno", "url": ...}]} from the plan's approved
    evaluations, newest year first; shared by the plan's chapters."""
    from monitoring.models import EvaluationIndexPage, EvaluationPage

    plan_path = chapter.path[: -chapter.steplen]
    key = f"measure-notes:{plan_path}:{translation.get_language()}"

    def build():
        notes = {}
        indexes = EvaluationIndexPage.objects.filter(
            path__startswith=plan_path, depth=chapter.depth
        )
        for index in indexes:
            fragments.depends_on(fragments.children_tag(index.pk))
        fragments.depends_on(fragments.model_tag(EvaluationIndexPage))
        pages = fragments.public(
            EvaluationPage.objects.live().filter(path__startswith=plan_path)
        ).order_by("-round__year")
        labels = dict(STATUS_ROWS)
        for page in pages.only("data", "url_path", "path", "depth", "locale_id"):
            url = page.get_url(request)
            for measure in page.data.get("measures", []):
                if not measure["approved"]:
                    continue
                text = _("Plnění %(year)s: %(status)s") % {
                    "year": page.data.get("year"),
                    "status": labels.get(measure["status"], ""),
                }
                notes.setdefault(measure["id"], []).append(
                    {"text": text, "url": f"{url}#{measure['anchor']}"}
                )
        return notes

    return fragments.fragment(key, build)
