"""A calendar file (.ics, RFC 5545) for one appointment, attached to its notification e-mail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

PRODID = "-//Loopbrug//Meldingen//NL"


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def calendar_event(
    *,
    uid: str,
    starts_at: datetime,
    summary: str,
    duration: timedelta = timedelta(hours=1),
    location: str = "",
    description: str = "",
    cancelled: bool = False,
) -> str:
    """One event; the same uid with a later sequence moves or cancels it in the calendar."""
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        # Seconds since 2020 only grow, so each change outranks the one before.
        f"SEQUENCE:{max(0, int(now.timestamp()) - 1_577_836_800)}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(starts_at + duration)}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines += [f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def appointment_ics(*, appointment, summary: str, cancelled: bool = False) -> str:
    """The calendar file of an appointment or intervisie meeting (journeys.Appointment): one uid
    per appointment, so a move or cancellation updates the same calendar entry."""
    return calendar_event(
        uid=f"afspraak-{appointment.pk}@loopbrug",
        starts_at=appointment.starts_at,
        summary=summary,
        location=appointment.location or "",
        cancelled=cancelled,
    )
