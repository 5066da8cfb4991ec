"""Reading a PDF in a test: its text and the fonts it embeds (pypdf)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_reader(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF"), content[:200]
    return PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """All pages' text, with each run of whitespace (a line break too) as one space."""
    return " ".join(" ".join(page.extract_text().split()) for page in pdf_reader(content).pages)


def pdf_fonts(content: bytes) -> set[str]:
    """The embedded fonts by name, without the subset prefix: {"Noto-Sans", ...}."""
    names = set()
    for page in pdf_reader(content).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names
