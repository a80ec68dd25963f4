"""What both importers share: a run on record, a file read whole (its digest taken), errors
collected per line in Czech, and nothing saved unless every line passed."""

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from caching import page_cache
from evidence.models import ImportRun, PopulationFigure

MAX_REPORTED = 50


class ImportRefused(Exception):
    """The file is refused as a whole; `lines` name each bad line and why."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = lines


class Problems:
    """Bad lines as they are found; the first MAX_REPORTED are reported with a count of the rest."""

    def __init__(self):
        self.lines, self.more = [], 0

    def add(self, where, reason):
        if len(self.lines) < MAX_REPORTED:
            self.lines.append(f"{where}: {reason}")
        else:
            self.more += 1

    def raise_if_any(self):
        if self.lines:
            extra = [_("Dalších chyb: %(count)s.") % {"count": self.more}] if self.more else []
            raise ImportRefused(self.lines + extra)


def run_import(kind, path, user, work, progress=None):
    """Run `work(data, counts, progress)` on the file's bytes in one transaction, on record as an
    ImportRun with the file's digest. A refusal or failure leaves the run (outside the
    transaction) with its report and saves nothing else; an unreadable file too."""
    run = ImportRun.objects.create(kind=kind, user=user, file_name=Path(path).name[:255])
    counts = {"created": 0, "changed": 0, "unchanged": 0, "skipped": 0}
    try:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise ImportRefused(
                [_("Soubor nelze přečíst: %(error)s") % {"error": error}]
            ) from error
        run.digest = hashlib.sha256(data).hexdigest()
        with transaction.atomic():
            work(data, counts, progress or (lambda message: None))
    except ImportRefused as refused:
        _finish(run, ImportRun.Status.FAILED, {}, "\n".join(refused.lines))
        raise
    except Exception as error:
        _finish(run, ImportRun.Status.FAILED, {}, _("Import selhal: %(error)s") % {"error": error})
        raise
    _finish(run, ImportRun.Status.DONE, counts, "")
    # Bulk writes send no signals: the pages showing imported figures are stamped here.
    page_cache.invalidate({page_cache.model_tag(PopulationFigure)})
    return run


def _finish(run, status, counts, report):
    run.status, run.counts, run.report = status, counts, report
    run.finished_at = timezone.now()
    run.save(update_fields=["digest", "status", "counts", "report", "finished_at"])
    log(instance=run, action="kpss.evidence.import", user=run.user, data={"counts": counts})
