"""What the Persoonlijk Profiel tells the layers above it, without importing them."""

from django.dispatch import Signal

# Sent with `profile` after a save that leaves every bouwsteen complete (every such save:
# receivers must be idempotent).
profile_completed = Signal()

# Sent with `profile` after the doel step is saved (target sectors may have changed).
profile_goal_saved = Signal()
