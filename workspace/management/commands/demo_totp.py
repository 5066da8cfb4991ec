from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from workspace.demo import DEMO_DOMAIN


class Command(BaseCommand):
    help = "Toon de huidige tweestapscode van een demo-account (alleen @demo.loopbrug.nl)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not email.lower().endswith("@" + DEMO_DOMAIN):
            raise CommandError(f"Alleen voor demo-accounts (@{DEMO_DOMAIN}).")
        device = TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True).first()
        if device is None:
            raise CommandError("Dit demo-account heeft geen tweestapsverificatie.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
