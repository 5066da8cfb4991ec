from django.core.management.base import BaseCommand

from workspace.demo import seed_demo


class Command(BaseCommand):
    help = (
        "Laad de demowereld (organisaties, medewerkers, overstappers). "
        "Twee keer draaien verandert niets."
    )

    def handle(self, *args, **options):
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo-logins (wachtwoord voor allemaal hetzelfde):"))
        for role, email, password in logins:
            self.stdout.write(f"  {role:<12} {email:<32} {password}")
        self.stdout.write(
            "  Coach, loket en beheerder loggen in met een tweestapscode: "
            "make totp EMAIL=coach@demo.loopbrug.nl"
        )
