# The search index moved to the search app (issue 21); its table stays where it is.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("kpss_pages", "0007_measure_lists_start_empty"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PageSearchText")],
            database_operations=[],
        ),
    ]
