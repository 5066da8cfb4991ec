"""What profiles announce to the apps above them (profiles imports none of them)."""

from __future__ import annotations

from django.dispatch import Signal

# A profile changed in a way that can change its matches (kwargs: profile). matching rescores.
profile_changed = Signal()

# An overstapper's account is about to be erased (kwargs: user), inside account_erase's
# transaction, before their profile and login traces go. journeys keeps the trajecten as
# anonymous facts.
account_erasing = Signal()

# Sent with `profile` after a save that leaves every bouwsteen complete (every such save:
# receivers must be idempotent). journeys moves the traject to match.
profile_completed = Signal()

# Sent with `profile` after the doel step is saved (target sectors may have changed).
profile_goal_saved = Signal()
