from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from loopbrug.throttling import client_address, rate_allows

from .forms import LoginForm, SignupForm, TokenForm
from .models import User
from .services import (
    totp_confirm,
    totp_device_for_enrolment,
    user_api_tokens_revoke,
    user_confirm_email,
    user_signup,
)


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # None when the address already has an account: its owner gets a mail, and this
            # page does not say so (the same "check your mail" answer either way).
            user_signup(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                region=form.cleaned_data["region"],
                intake_consent=form.cleaned_data["intake_consent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(
                request, "registration/signup_sent.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "registration/signup.html", {"form": form})


def confirm_email(request, uidb64: str, token: str):
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
        user_confirm_email(user=user, token=token)
    except (User.DoesNotExist, ValueError, UnicodeDecodeError, ValidationError):
        return render(request, "registration/confirm_invalid.html", status=400)
    messages.success(request, _("Je e-mailadres is bevestigd. Log in om je traject te zien."))
    return redirect("login")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, limited per typed address and per client address.

    Over the limit the form comes back with one message whatever the address, so the page
    says nothing about whether an account exists; under it the "check your mail" page follows
    in both cases (Django's own behaviour).
    """

    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"

    def form_valid(self, form):
        email = User.objects.normalize_email(form.cleaned_data["email"])
        by_address = rate_allows(
            scope="password-reset-ip",
            ident=client_address(self.request),
            rate=settings.PASSWORD_RESET_RATE_IP,
        )
        by_email = rate_allows(
            scope="password-reset-email", ident=email, rate=settings.PASSWORD_RESET_RATE_EMAIL
        )
        if not (by_address and by_email):
            form.add_error(
                None,
                _(
                    "Er is te vaak een nieuw wachtwoord aangevraagd. Kijk in je e-mail (ook bij "
                    "ongewenste e-mail) of probeer het over een uur opnieuw."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the mailed link also revokes the API tokens."""

    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user_api_tokens_revoke(user=form.user, reason="password_reset")
        return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def _otp_login(request, device) -> None:
    """Mark the session verified under a new session key: a key seen before the second factor
    (in a shared browser, a log, a fixated cookie) does not carry the verified login."""
    otp_login(request, device)
    request.session.cycle_key()


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Ask for the code, or enrol an authenticator app the first time."""
    if request.user.is_verified():
        return redirect(_safe_next(request))
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    form = TokenForm(request.POST or None)
    if has_device:
        if request.method == "POST" and form.is_valid():
            device = match_token(request.user, form.cleaned_data["token"].strip())
            if device is not None:
                _otp_login(request, device)
                return redirect(_safe_next(request))
            form.add_error("token", _("Deze code klopt niet. Probeer de nieuwste code uit je app."))
        return render(
            request,
            "registration/two_factor_verify.html",
            {"form": form, "next": _safe_next(request)},
        )

    device = totp_device_for_enrolment(user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            totp_confirm(device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            _otp_login(request, device)
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return redirect(_safe_next(request))
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": secret,
            "next": _safe_next(request),
        },
    )
