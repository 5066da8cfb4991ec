"""What matching reads from Superscholing, supplied at start-up by onboarding (above it).

Matching imports nothing above it; onboarding.apps registers these in ready(). Without
onboarding no module or route is named.
"""

from __future__ import annotations

from collections.abc import Callable

# label_lists -> per list, per label, the onboarding modules that teach it
modules_teaching_many: Callable = lambda *, label_lists: [[] for _ in label_lists]  # noqa: E731
# sectors -> {sector: [published routes with their length]}
superscholing_by_sector: Callable = lambda sectors: {}  # noqa: E731
