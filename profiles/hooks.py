"""What profiles reads from the traject, supplied at start-up by journeys (the layer above).

Profiles imports nothing above it; journeys.apps registers these in ready(). Without journeys
a profile has no coach and no trajecten to export.
"""

from __future__ import annotations

from collections.abc import Callable

# user -> the coach of their current traject, or None
current_coach: Callable = lambda user: None  # noqa: E731
# user -> the trajecten as the AVG export lists them (a list of plain dicts)
trajecten_export: Callable = lambda user: []  # noqa: E731
