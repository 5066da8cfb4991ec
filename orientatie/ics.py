"""An iCalendar (.ics, RFC 5545) file of an event's sessions, for the confirmation e-mail."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(*, event, sessions, url: str, uid_prefix: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Loopbrug//Orientatie//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    now = _stamp(timezone.now())
    location = event.place or event.online_url
    for session in sessions:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid_prefix}-{session.pk}@loopbrug",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(session.starts_at)}",
            f"DTEND:{_stamp(session.ends_at)}",
            f"SUMMARY:{_escape(event.title)}",
            f"LOCATION:{_escape(location)}",
            f"DESCRIPTION:{_escape(event.description[:1000])}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
