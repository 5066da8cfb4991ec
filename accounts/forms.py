from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Region, Role, User


class SignupForm(forms.Form):
    full_name = forms.CharField(label=_("Je naam"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("We sturen je een link om je e-mailadres te bevestigen."),
    )
    region = forms.ModelChoiceField(
        label=_("In welke arbeidsmarktregio woon je?"),
        queryset=Region.objects.all(),
        empty_label=_("Kies je regio"),
    )
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens, niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Herhaal je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    intake_consent = forms.BooleanField(
        label=_(
            "Het loket en de coaches van mijn regio mogen mijn naam, e-mailadres en regio zien, "
            "zodat een coach contact met me opneemt"
        ),
        help_text=_(
            "Alleen tot je een coach hebt. Zonder deze toestemming kan niemand je een coach "
            "geven; je kunt haar later op je startpagina alsnog geven."
        ),
        required=False,
        # Consent is never ticked in advance.
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def clean_email(self) -> str:
        # Whether the address already has an account is not said here: the service mails
        # its owner instead, and the page that follows is the same (issue 17).
        return User.objects.normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."
        ),
        "inactive": _(
            "Je e-mailadres is nog niet bevestigd. Klik op de link in de e-mail die we je stuurden."
        ),
    }


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code uit je authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": _("Een code bestaat uit 6 cijfers.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class InviteForm(forms.ModelForm):
    """Used by the beheerder in the admin to invite a staff user."""

    class Meta:
        model = User
        fields = ["email", "full_name", "role", "organisation"]

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role == Role.OVERSTAPPER:
            raise forms.ValidationError(_("Overstappers melden zich zelf aan."))
        return role

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role and role != Role.BEHEERDER and not cleaned.get("organisation"):
            self.add_error("organisation", _("Kies de organisatie van deze gebruiker."))
        return cleaned
