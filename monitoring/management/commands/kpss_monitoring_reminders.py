from django.core.management.base import BaseCommand

from monitoring.reminders import REMIND_DAYS, remind


class Command(BaseCommand):
    help = (
        f"Připomene skupinám chybějící hlášení monitoringu {REMIND_DAYS} dní před termínem "
        "(spouštějte denně)."
    )

    def handle(self, *args, **options):
        count = remind()
        self.stdout.write(f"kpss_monitoring_reminders: připomenuto skupinám: {count}.")
