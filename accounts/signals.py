"""What accounts announce to the apps above them (accounts imports none of them)."""

from __future__ import annotations

from django.dispatch import Signal

# An overstapper confirmed their e-mail address (kwargs: user). journeys opens the first
# traject; user_confirm_email returns it.
email_confirmed = Signal()
