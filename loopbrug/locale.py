from __future__ import annotations

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Dutch unless the person chose another language with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Dutch public
    service speaks Dutch by default, also on an English-language laptop.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
