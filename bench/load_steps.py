"""When a measured step of the load benchmark counts as held (bench/locustfile.py runs the
steps, bench/load.py reports them). No imports: the report must not load locust, whose gevent
monkey patching deadlocks a threaded process such as a test with a live server."""

import math


def held(step: dict, p95_limit: float) -> bool:
    """The server held the step's rate: no error, p95 within the limit, and it kept up: it did
    at least 90% of the asked requests, less two standard deviations of the Poisson arrivals
    (at 5 requests/s for 10 s, 50 asked may come as 36 by chance alone)."""
    seconds = step.get("seconds") or 1.0
    asked = step["target_rps"] * seconds
    done = step["rps"] * seconds
    return (
        step["failures"] == 0
        and step["p95_ms"] is not None
        and step["p95_ms"] <= p95_limit
        and done >= 0.9 * asked - 2 * math.sqrt(asked)
    )
