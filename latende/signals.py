"""What latende announces to the apps above it. financing sits above latende (import-linter
layers), so latende cannot apply a pledge to a plan itself: it sends these inside the same
transaction, and financing.receivers applies or removes the proposed contributions. A
receiver that refuses (a pledge that does not fit a post) raises, and the save rolls back."""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: pledge (CampaignPledge), by (User)
pledge_saved = Signal()
# kwargs: user (the overstapper), organisation, before, after (ConsentLevel values)
consent_changed = Signal()
