from __future__ import annotations

import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django_htmx.http import HttpResponseClientRedirect


class HtmxMessagesMiddleware:
    """For htmx requests: turn redirects into HX-Location and append messages out-of-band."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "htmx", False):
            return response
        if response.status_code in (301, 302, 303) and "Location" in response:
            return HttpResponseClientRedirect(response["Location"])
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            messages = list(get_messages(request))
            if messages:
                response.write(
                    render_to_string(
                        "includes/messages.html",
                        {"messages": messages, "oob": True},
                        request=request,
                    )
                )
        return response


class NoStoreForAuthenticatedMiddleware:
    """Nothing shown to a logged-in person (pages, API answers, exports) is kept by a browser
    or proxy cache: a shared computer's back button or disk cache shows no one's data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logged_in = user is not None and user.is_authenticated
        # API token requests authenticate inside DRF, after this middleware saw request.user.
        if logged_in or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class ServerTimingMiddleware:
    """With SERVER_TIMING on (the load benchmark sets it; off by default, since timings help an
    attacker tell cases apart): every response carries `Server-Timing: cpu;dur=…, db;dur=…,
    queries;dur=…` — the CPU time this process spent on the request, the time spent waiting on
    the database, and the number of queries — so a load test can rank page types by cost."""

    def __init__(self, get_response):
        self.get_response = get_response
        if not settings.SERVER_TIMING:
            raise MiddlewareNotUsed

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _QueryCounter()
        cpu = time.process_time()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        cpu_ms = 1000 * (time.process_time() - cpu)
        response["Server-Timing"] = (
            f"cpu;dur={cpu_ms:.1f}, db;dur={1000 * counter.seconds:.1f}, "
            f"queries;dur={counter.count}"
        )
        return response


class _QueryCounter:
    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - began
