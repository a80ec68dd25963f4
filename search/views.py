"""The public site search (/hledat/)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.models import Locale

from search.query import hits, search

PER_PAGE = 10
MAX_QUERY = 200


def search_view(request):
    query = " ".join(request.GET.get("q", "").split())
    error = ""
    if len(query) > MAX_QUERY:
        error = _("Dotaz je příliš dlouhý, zkraťte jej na nejvýše %(max)s znaků.") % {
            "max": MAX_QUERY
        }
        ranked, terms = [], []
    else:
        ranked, terms = search(query, Locale.get_active())
        if query and not terms:
            error = _("Zadejte alespoň jedno slovo o dvou a více znacích.")
    page = Paginator(ranked, PER_PAGE).get_page(request.GET.get("strana"))
    context = {
        "query": query,
        "error": error,
        "results": hits(page.object_list, terms),
        "page_obj": page,
        "count": len(ranked),
    }
    return render(request, "kpss_pages/search.html", context, status=400 if error else 200)
