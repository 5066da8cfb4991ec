from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from loopbrug.services import audit_log

from .models import Organisation, Region, Role, User
from .signals import email_confirmed
from .tokens import email_confirmation_token


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def _send(*, template: str, to: str, context: dict) -> None:
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def email_is_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=User.objects.normalize_email(email)).exists()


@transaction.atomic
def user_signup(
    *, email: str, full_name: str, password: str, region: Region, intake_consent: bool = False
) -> User | None:
    """Create an overstapper account that is inactive until the e-mail address is confirmed.

    When the address already has an account nothing is created and None comes back: its owner
    gets a mail instead (someone tried to sign up with it), so the page that follows is the same
    whether the address is known or not.
    """
    email = User.objects.normalize_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # the same work as a new account, so the answer takes as long
        transaction.on_commit(
            lambda: _send(
                template="emails/signup_existing",
                to=existing.email,
                context={
                    "user": existing,
                    "login_link": _absolute(reverse("login")),
                    "reset_link": _absolute(reverse("password_reset")),
                },
            )
        )
        return None
    user = User(
        email=email,
        full_name=full_name.strip(),
        role=Role.OVERSTAPPER,
        home_region=region,
        is_active=False,
        intake_consent_at=timezone.now() if intake_consent else None,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    link = reverse(
        "confirm_email",
        kwargs={
            "uidb64": _uid(user),
            "token": email_confirmation_token.make_token(user),
        },
    )
    transaction.on_commit(
        lambda: _send(
            template="emails/confirm_email",
            to=user.email,
            context={"user": user, "link": _absolute(link)},
        )
    )
    return user


@transaction.atomic
def user_give_intake_consent(*, user: User) -> User:
    """The overstapper lets the region's intake staff see name, e-mail and region."""
    if user.role != Role.OVERSTAPPER:
        raise ValidationError(_("Alleen een overstapper geeft deze toestemming."))
    if user.intake_consent_at is None:
        user.intake_consent_at = timezone.now()
        user.save(update_fields=["intake_consent_at"])
        audit_log(actor=user, action="intake.consent", obj=user)
    return user


@transaction.atomic
def user_confirm_email(*, user: User, token: str):
    """Activate the account behind a confirmation link and open the first traject."""
    if not email_confirmation_token.check_token(user, token):
        raise ValidationError(_("Deze bevestigingslink is ongeldig of verlopen."))
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    responses = email_confirmed.send(sender=User, user=user)
    return next((traject for _receiver, traject in responses if traject is not None), None)


@transaction.atomic
def user_invite(
    *,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None,
    invited_by: User | None,
) -> User:
    """Create a staff account (werkgever, coach, opleider, loket, beheerder) and mail a link."""
    if role == Role.OVERSTAPPER:
        raise ValidationError({"role": _("Overstappers melden zich zelf aan.")})
    if role != Role.BEHEERDER and organisation is None:
        raise ValidationError({"organisation": _("Kies de organisatie van deze gebruiker.")})
    email = User.objects.normalize_email(email)
    if email_is_taken(email):
        raise ValidationError({"email": _("Er bestaat al een account met dit e-mailadres.")})
    user = User(
        email=email,
        full_name=full_name.strip(),
        role=role,
        organisation=organisation,
        is_staff=role == Role.BEHEERDER,
        is_superuser=role == Role.BEHEERDER,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    link = reverse(
        "password_reset_confirm",
        kwargs={"uidb64": _uid(user), "token": default_token_generator.make_token(user)},
    )
    transaction.on_commit(
        lambda: _send(
            template="emails/invitation",
            to=user.email,
            context={"user": user, "link": _absolute(link), "invited_by": invited_by},
        )
    )
    if invited_by is not None:
        audit_log(actor=invited_by, action="user.invite", obj=user, role=role)
    return user


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, device: TOTPDevice, token: str) -> None:
    """Confirm an authenticator once the user typed a code it made."""
    if not device.verify_token((token or "").strip()):
        raise ValidationError(_("Deze code klopt niet. Probeer de nieuwste code uit je app."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()


@transaction.atomic
def user_api_tokens_revoke(*, user: User, reason: str) -> int:
    """Delete the user's API tokens (after a password reset or a change of role)."""
    deleted, _detail = Token.objects.filter(user_id=user.pk).delete()
    if deleted:
        audit_log(actor=None, action="token.revoke", obj=user, reason=reason)
    return deleted
