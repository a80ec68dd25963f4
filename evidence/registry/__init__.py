"""The national registry of social services (Registr poskytovatelů sociálních služeb) from MPSV's
open data: `rpss.json`, {"polozky": [service, …]}, with the registry's code lists beside it
(docs/evidence.md). A service is matched by its identifier (identifikator, 7 digits), its provider
by IČO.

A new service comes in as a draft page submitted to the management team's review; a change to an
existing one becomes a new draft revision submitted the same way; nothing is published here.
Only the registry's own facts are compared and written (provider, kind, forms, target groups,
capacity, date of registration; municipalities only added): the page's text stays the editors'.
"""

from django.utils.translation import gettext as _

from .reading import Resolver, load_code_lists, read_file
from .writing import Writer

__all__ = ["import_registry", "load_code_lists"]


def import_registry(data, counts, progress, *, code_lists, user):
    resolver = Resolver(code_lists)
    records = read_file(data, resolver, counts)
    progress(
        _("Přečteno služeb z území portálu: %(count)s, mimo ně: %(skipped)s.")
        % {"count": len(records), "skipped": counts["skipped"]}
    )
    Writer(user, counts, progress).write(records)
