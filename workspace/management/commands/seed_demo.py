import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from workspace import history
from workspace.demo import seed_demo

FLAG = "--allow-without-debug"


class Command(BaseCommand):
    help = (
        "Laad de demowereld (organisaties, medewerkers, overstappers). "
        "Twee keer draaien verandert niets. Alleen voor ontwikkeling en een proefopstelling: "
        f"met DEBUG uit weigert het, tenzij je {FLAG} meegeeft."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            FLAG,
            action="store_true",
            dest="allow_without_debug",
            help=(
                "Ook laden met DEBUG uit (een proefopstelling). De demo-accounts hebben een "
                "bekend wachtwoord: nooit op een productie met echte mensen."
            ),
        )

    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG staat uit: dit lijkt een productie-omgeving. De demo-accounts hebben een "
                f"bekend wachtwoord. Wil je toch een proefopstelling vullen, geef dan {FLAG} mee."
            )
        began = time.perf_counter()
        logins = seed_demo()
        took = time.perf_counter() - began
        self.stdout.write(self.style.SUCCESS("Demo-logins (wachtwoord voor allemaal hetzelfde):"))
        for role, email, password in logins:
            self.stdout.write(f"  {role:<12} {email:<32} {password}")
        self.stdout.write(
            "  Coach, loket en beheerder loggen in met een tweestapscode: "
            "make totp EMAIL=coach@demo.loopbrug.nl"
        )
        self.stdout.write(
            f"  Demoregio {history.REGION}: {history.summary()} (klaar in {took:.1f} s)."
        )
        if options.get("verbosity", 1) >= 2:
            for step, seconds in history.TIMINGS.items():
                self.stdout.write(f"    historie: {step:<22} {seconds:5.1f} s")
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING("  DEBUG staat uit: de demo-beheerder is geen superuser.")
            )
