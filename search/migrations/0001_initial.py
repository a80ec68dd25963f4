# The search index, moved from the content app (issue 21): the same table, now in this app's
# state; its content type is renamed so nothing that points at it is lost.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old="kpss_pages", new="search"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="pagesearchtext").exists():
        ContentType.objects.filter(app_label=old, model="pagesearchtext").update(app_label=new)


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="search", new="kpss_pages")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kpss_pages", "0008_pagesearchtext_to_search"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageSearchText",
                    fields=[
                        (
                            "page",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("title", models.CharField(max_length=255)),
                        ("title_folded", models.CharField(max_length=255)),
                        ("text", models.TextField(blank=True)),
                        ("text_folded", models.TextField(blank=True)),
                        (
                            "locale",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="wagtailcore.locale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "text stránky pro vyhledávání",
                        "db_table": "kpss_pages_pagesearchtext",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
