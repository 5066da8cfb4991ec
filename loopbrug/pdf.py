"""Pages as PDF: a page's own template rendered to a tagged PDF with WeasyPrint.

Every PDF of Loopbrug takes this one path. The view renders the same template as the HTML
page, with ``base_template`` set to ``pdf/base.html`` (no navigation, a footer with the date
and page numbers) instead of ``base.html``; WeasyPrint lays it out with the page's own
stylesheets plus ``css/print.css`` (the self-hosted Noto Sans, A4, what paper cannot do
hidden) and writes a PDF/UA-1 document: tagged, with its title and language, so a screen
reader can read it.

WeasyPrint fetches nothing but Loopbrug's own static files: no network, no other file. Free
text reaches the PDF only through the template, where Django escapes it as on the page.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0);
``make pdf-deps`` installs them, the Dockerfile does too.
"""

from __future__ import annotations

import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

try:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse
except OSError as error:  # Pango missing: the site still runs, a PDF download names the fix
    CSS = HTML = FontConfiguration = URLFetcherResponse = None
    URLFetcher = object
    PANGO_ERROR: OSError | None = error
else:
    PANGO_ERROR = None

PDF_BASE_TEMPLATE = "pdf/base.html"
# The stylesheets of base.html, then the print stylesheet; parsed once per process.
STYLESHEETS = (
    "vendor/utrecht/component-library.css",
    "vendor/nl-design-system/voorbeeld-theme.css",
    "css/loopbrug.css",
    "css/print.css",
)
PDF_VARIANT = "pdf/ua-1"
# Where the stylesheets live for WeasyPrint when no request names the site (a Celery task).
INTERNAL_ORIGIN = "https://loopbrug.invalid"
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"

# WeasyPrint is not documented as thread-safe and the parsed stylesheets are shared.
_lock = threading.Lock()
_cache: dict = {}


def render_pdf(*, template: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """The page `template` with `context`, as a PDF: the same content as the HTML page."""
    if PANGO_ERROR is not None:
        raise ImproperlyConfigured(
            f"WeasyPrint vindt Pango niet ({PANGO_ERROR}). Installeer de Debian-pakketten "
            f"{PANGO_PACKAGES} (make pdf-deps)."
        )
    html = render_to_string(
        template, {**context, "base_template": PDF_BASE_TEMPLATE}, request=request
    )
    origin = request.build_absolute_uri("/").rstrip("/") if request else INTERNAL_ORIGIN
    fetcher = StaticFilesFetcher(origins={origin, INTERNAL_ORIGIN})
    with _lock:
        stylesheets, font_config = _stylesheets()
        document = HTML(string=html, base_url=f"{origin}/", url_fetcher=fetcher)
        return document.write_pdf(
            stylesheets=stylesheets, font_config=font_config, pdf_variant=PDF_VARIANT
        )


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """A PDF as a download."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stylesheets() -> tuple[list, FontConfiguration]:
    """The parsed stylesheets and the fonts they declare. Parsing takes most of the time of a
    PDF, so they are kept; not under DEBUG, where a changed stylesheet shows at once."""
    if settings.DEBUG or "stylesheets" not in _cache:
        font_config = FontConfiguration()
        fetcher = StaticFilesFetcher(origins={INTERNAL_ORIGIN})
        stylesheets = [
            CSS(
                string=static_file(name).read_text(encoding="utf-8"),
                base_url=f"{INTERNAL_ORIGIN}{settings.STATIC_URL}{name}",
                url_fetcher=fetcher,
                font_config=font_config,
            )
            for name in STYLESHEETS
        ]
        _cache["stylesheets"] = (stylesheets, font_config)
    return _cache["stylesheets"]


def static_file(name: str) -> Path:
    """A static file by its name under STATIC_URL: the source file, or the collected one
    (only that one has the hashed name the manifest storage puts in a page)."""
    try:
        found = finders.find(name)
        if found:
            return Path(found)
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except SuspiciousFileOperation:
        pass
    raise FileNotFoundError(f"Geen statisch bestand van Loopbrug: {name}")


class StaticFilesFetcher(URLFetcher):
    """Hands WeasyPrint Loopbrug's static files and refuses every other address."""

    def __init__(self, *, origins: set[str]):
        super().__init__(fail_on_errors=False)
        self.origins = origins

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if (
            f"{parts.scheme}://{parts.netloc}" not in self.origins
            or not parts.path.startswith(settings.STATIC_URL)
            or parts.query
        ):
            raise ValueError(f"Een PDF haalt niets op buiten de eigen bestanden: {url}")
        name = unquote(parts.path.removeprefix(settings.STATIC_URL))
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=static_file(name).read_bytes(), headers={"Content-Type": content_type}
        )
