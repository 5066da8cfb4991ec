from __future__ import annotations

from django.contrib.messages import get_messages
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
