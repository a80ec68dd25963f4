"""The analysis page's charts: SVG drawn on the server (kpss_pages/charts.py), each shown beside
its table with the same figures."""

from django.utils.translation import gettext as _

from kpss_pages.charts import grouped_bars
from kpss_pages.templatetags.kpss_tags import thousands


def trend_chart(analysis):
    return grouped_bars(
        "graf-vyvoj",
        _("Vývoj počtu obyvatel ve věku 65+ a 80+"),
        [_("65 a více let"), _("80 a více let")],
        [(row["year"], [row["senior"], row["old"]]) for row in analysis.trend_rows],
        show=thousands,
    )


def age_chart(analysis):
    return grouped_bars(
        "graf-vek",
        _("Obyvatelé obcí podle věku v roce %(year)s") % {"year": analysis.latest_year},
        [_("0–14 let"), _("15–64 let"), _("65 a více let")],
        [
            (
                row["town"].name,
                [row.get("young", 0), row.get("working", 0), row.get("senior", 0)],
            )
            for row in analysis.population_rows
        ],
        show=thousands,
    )


def capacity_chart(analysis):
    return grouped_bars(
        "graf-kapacity",
        _("Služby a lůžka v obcích"),
        [_("služeb působících v obci"), _("služeb s místem v obci"), _("lůžek v obci")],
        [
            (row["town"].name, [row["serving"], row["located"], row["beds"]])
            for row in analysis.service_rows
        ],
        show=thousands,
    )


def charts(analysis):
    return {
        "trend": trend_chart(analysis),
        "age": age_chart(analysis),
        "capacity": capacity_chart(analysis),
    }
