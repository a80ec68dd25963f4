from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    """The evidence behind the plan: territories with their official codes, population figures
    imported from ČSÚ, the registry's services imported from MPSV open data, and the public
    analysis of needs and resources."""

    name = "evidence"
    verbose_name = "Analýza potřeb a zdrojů"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from evidence import signals  # noqa: F401
        from kpss_pages.models import HomePage

        # The home page knows nothing of the evidence; the analysis page is placed under it here.
        if "evidence.NeedsAnalysisPage" not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, "evidence.NeedsAnalysisPage"]
