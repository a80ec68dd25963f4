"""Moving a model between apps keeps its data: a database migrated before the move is migrated
forward and nothing is lost (docs/architecture.md)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LAST_BEFORE_MOVE = ("kpss_pages", "0007_measure_lists_start_empty")


def migrate(targets=None):
    """Migrate the test database to `targets` (default: the latest); the models as they are
    there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    return executor.migrate(targets).apps


def test_the_search_index_keeps_its_rows_and_content_type_when_it_moves_to_the_search_app():
    old = migrate([LAST_BEFORE_MOVE, ("search", None)])
    Page = old.get_model("wagtailcore", "Page")
    Locale = old.get_model("wagtailcore", "Locale")
    ContentType = old.get_model("contenttypes", "ContentType")
    OldIndex = old.get_model("kpss_pages", "PageSearchText")
    page = Page.objects.filter(depth__gt=1).first()
    OldIndex.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "locale": Locale.objects.first(),
            "title": "Senioři",
            "title_folded": "seniori",
            "text": "Pečovatelská služba v Kelči",
            "text_folded": "pecovatelska sluzba v kelci",
        },
    )
    old_type, _created = ContentType.objects.get_or_create(
        app_label="kpss_pages", model="pagesearchtext"
    )
    ContentType.objects.filter(app_label="search", model="pagesearchtext").delete()

    new = migrate()

    row = new.get_model("search", "PageSearchText").objects.get(page_id=page.pk)
    assert (row.title, row.text_folded) == ("Senioři", "pecovatelska sluzba v kelci")
    moved = new.get_model("contenttypes", "ContentType").objects.get(pk=old_type.pk)
    assert (moved.app_label, moved.model) == ("search", "pagesearchtext")
