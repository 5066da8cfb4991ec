"""What Loopbrug holds about an overstapper, as data (JSON) and as a document (PDF)."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Sector, User
from journeys.models import Traject

from .models import Profile
from .selectors import profile_views_for_owner, shares_for_owner
from .wendbaarheid import STATEMENTS


def _profile_data(profile: Profile) -> dict:
    return {
        "talenten": [t.label for t in profile.talents.all()],
        "talenten_eigen_woorden": profile.talents_own_words,
        "skills": [
            {
                "skill": item.skill.label_nl,
                "niveau": item.level,
                "bewijs": item.get_evidence_type_display(),
                "toelichting": item.evidence_note,
                "gevalideerd_op": item.validated_at,
                "gevalideerd_door": str(item.validated_by) if item.validated_by else None,
            }
            for item in profile.profile_skills.all()
        ],
        "drijfveren": [d.drijfveer.label for d in profile.ranked_drijfveren.all()],
        "wendbaarheid": {
            "antwoorden": dict(
                zip([str(s) for s in STATEMENTS], profile.wendbaarheid_answers, strict=False)
            ),
            "score": profile.wendbaarheid_score,
        },
        "werk_en_denkniveau": {
            "niveau": profile.get_niveau_display() if profile.niveau else "",
            "aangetoond_met": profile.get_niveau_basis_display() if profile.niveau_basis else "",
            "bewijs": profile.niveau_evidence,
        },
        "doel_en_motivatie": {
            "ambitie": profile.ambition,
            "waarom": profile.motivation,
            "doelsectoren": [str(Sector(s).label) for s in profile.target_sectors],
            "beroepen": [b.label_nl for b in profile.target_beroepen.all()],
            "minimaal_netto_maandinkomen_eur": profile.min_net_income,
            "uren_per_week": profile.hours_per_week,
        },
        "ervaring": [
            {
                "soort": e.get_kind_display(),
                "titel": e.title,
                "organisatie": e.organisation,
                "van": e.start_year,
                "tot": e.end_year,
                "omschrijving": e.description,
            }
            for e in profile.experiences.all()
        ],
        "waar_ik_trots_op_ben": profile.proud_of,
        "assessments": [
            {"naam": a.name, "datum": a.taken_on, "uitkomst": a.result}
            for a in profile.assessments.all()
        ],
    }


def profile_export_data(*, user: User) -> dict:
    """Everything Loopbrug holds about this person: their own copy, sensitive data included."""
    from .selectors import profile_for_owner

    profile = profile_for_owner(user=user)
    trajecten = Traject.objects.filter(overstapper=user).prefetch_related("phase_changes")
    return {
        "gemaakt_op": timezone.now(),
        "account": {
            "naam": user.full_name,
            "e-mailadres": user.email,
            "woonregio": str(user.home_region) if user.home_region_id else None,
            "aangemaakt_op": user.date_joined,
            "e-mail_bevestigd_op": user.email_confirmed_at,
            "laatst_ingelogd": user.last_login,
        },
        "persoonlijk_profiel": _profile_data(profile),
        "gevoelige_gegevens": {
            "gezondheid": profile.sensitive_health,
            "arbeidsbeperking": profile.sensitive_arbeidsbeperking,
            "verblijfsstatus_of_nationaliteit": profile.sensitive_status,
        },
        "trajecten": [
            {
                "poging": t.attempt,
                "fase": t.get_phase_display(),
                "regio": str(t.region),
                "doelsector": t.get_target_sector_display(),
                "instroomroute": t.get_entry_route_display(),
                "ongekend_talent": t.ongekend_talent,
                "faseovergangen": [
                    {"van": c.from_phase, "naar": c.to_phase, "op": c.at, "reden": c.reason}
                    for c in t.phase_changes.all()
                ],
            }
            for t in trajecten
        ],
        "gedeeld_met": [
            {
                "met": s.grantee.full_name,
                "organisatie": str(s.grantee.organisation or ""),
                "doel": s.get_purpose_display(),
                "vacature": s.vacature,
                "gedeeld_op": s.created_at,
                "verloopt_op": s.expires_at,
                "ingetrokken_op": s.revoked_at,
            }
            for s in shares_for_owner(profile=profile)
        ],
        "bekeken_door": [
            {"wie": str(e.actor or _("onbekend")), "wat": e.action, "wanneer": e.at}
            for e in profile_views_for_owner(profile=profile)
        ],
    }


# --- PDF ---------------------------------------------------------------------------------


def _fonts() -> tuple[str, str]:
    """Vera, shipped with reportlab, covers the Latin script with all Dutch diacritics."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "LoopbrugSans" not in pdfmetrics.getRegisteredFontNames():
        for folder in rl_config.TTFSearchPath:
            regular, bold = Path(folder) / "Vera.ttf", Path(folder) / "VeraBd.ttf"
            if regular.exists() and bold.exists():
                pdfmetrics.registerFont(TTFont("LoopbrugSans", str(regular)))
                pdfmetrics.registerFont(TTFont("LoopbrugSans-Bold", str(bold)))
                break
        else:
            return "Helvetica", "Helvetica-Bold"
    return "LoopbrugSans", "LoopbrugSans-Bold"


def profile_pdf(profile: Profile, *, full_export: bool = False) -> bytes:
    """The profile as a clear document to apply with; with `full_export`, all personal data."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

    regular, bold = _fonts()
    brand = colors.HexColor("#0b6570")
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=20, leading=24, textColor=brand, spaceAfter=4)
    h2 = ParagraphStyle(
        "h2",
        fontName=bold,
        fontSize=12.5,
        leading=16,
        textColor=brand,
        spaceBefore=10,
        spaceAfter=3,
    )
    muted = ParagraphStyle("muted", parent=body, textColor=colors.HexColor("#4a5560"), fontSize=9)

    def para(text, style=body):
        # Escape everything the person typed: the PDF markup must never break on it.
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    def bullets(items):
        items = [i for i in items if i]
        if not items:
            return [para(_("Nog niet ingevuld."), muted)]
        return [
            ListFlowable(
                [para(i) for i in items], bulletType="bullet", leftIndent=12, bulletFontName=regular
            )
        ]

    data = _profile_data(profile)
    story = [
        para(_("Persoonlijk Profiel"), h1),
        para(
            profile.user.full_name,
            ParagraphStyle("name", parent=body, fontName=bold, fontSize=13, leading=17),
        ),
        para(_("Wie ben ik? Wat wil ik? Wat kan ik?"), muted),
        Spacer(1, 4 * mm),
        para(_("Talenten"), h2),
        *bullets(data["talenten"]),
    ]
    if profile.talents_own_words:
        story.append(para(profile.talents_own_words))
    story += [para(_("Skills"), h2)]
    story += bullets(
        [
            f"{s['skill']} — {_('niveau')} {s['niveau']}/5 · {s['bewijs']}"
            + (f" ({s['toelichting']})" if s["toelichting"] else "")
            + (f" · {_('gevalideerd')}" if s["gevalideerd_op"] else "")
            for s in data["skills"]
        ]
    )
    story += [para(_("Drijfveren (belangrijkste eerst)"), h2), *bullets(data["drijfveren"])]
    story += [para(_("Wendbaarheid"), h2)]
    score = data["wendbaarheid"]["score"]
    story.append(
        para(
            _("Score: %(score)s van 100") % {"score": score}
            if score is not None
            else _("Nog niet ingevuld."),
            body if score is not None else muted,
        )
    )
    niveau = data["werk_en_denkniveau"]
    story += [para(_("Werk- en denkniveau"), h2)]
    story += bullets(
        [" · ".join(x for x in (niveau["niveau"], niveau["aangetoond_met"]) if x), niveau["bewijs"]]
    )
    doel = data["doel_en_motivatie"]
    story += [para(_("Doel & motivatie"), h2)]
    story += bullets(
        [
            doel["ambitie"],
            doel["waarom"],
            ", ".join(doel["doelsectoren"]),
            ", ".join(doel["beroepen"]),
            _("Minimaal netto per maand: € %(amount)s")
            % {"amount": doel["minimaal_netto_maandinkomen_eur"]}
            if doel["minimaal_netto_maandinkomen_eur"] is not None
            else "",
            _("%(hours)s uur per week") % {"hours": doel["uren_per_week"]}
            if doel["uren_per_week"]
            else "",
        ]
    )
    story += [para(_("Ervaring"), h2)]
    story += bullets(
        [
            f"{e['soort']}: {e['titel']}"
            + (f", {e['organisatie']}" if e["organisatie"] else "")
            + (f" ({e['van'] or ''}–{e['tot'] or ''})" if e["van"] or e["tot"] else "")
            for e in data["ervaring"]
        ]
    )
    story += [para(_("Waar ik trots op ben"), h2), *bullets([data["waar_ik_trots_op_ben"]])]
    if data["assessments"]:
        story += [para(_("Assessments"), h2)]
        story += bullets(
            [f"{a['naam']} ({a['datum']}): {a['uitkomst']}" for a in data["assessments"]]
        )
    if full_export:
        export = profile_export_data(user=profile.user)
        story += [para(_("Account"), h2)]
        story += bullets([f"{k}: {v}" for k, v in export["account"].items()])
        story += [para(_("Gevoelige gegevens (alleen voor jou)"), h2)]
        story += bullets(
            [f"{k}: {v}" for k, v in export["gevoelige_gegevens"].items() if v not in ("", None)]
        )
        story += [para(_("Trajecten"), h2)]
        for t in export["trajecten"]:
            story += bullets(
                [f"{_('Poging')} {t['poging']}: {t['fase']}, {t['regio']}"]
                + [
                    f"{c['op']:%d-%m-%Y}: {c['van'] or '—'} → {c['naar']}"
                    for c in t["faseovergangen"]
                ]
            )
        story += [para(_("Gedeeld met"), h2)]
        story += bullets(
            [f"{s['met']} ({s['doel']}) {s['gedeeld_op']:%d-%m-%Y}" for s in export["gedeeld_met"]]
        )
        story += [para(_("Bekeken door"), h2)]
        story += bullets(
            [
                f"{v['wie']}: {v['wat']} {v['wanneer']:%d-%m-%Y %H:%M}"
                for v in export["bekeken_door"]
            ]
        )
    story += [
        Spacer(1, 6 * mm),
        para(
            _("Gemaakt met Loopbrug op %(date)s") % {"date": f"{timezone.localtime():%d-%m-%Y}"},
            muted,
        ),
    ]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"Persoonlijk Profiel — {profile.user.full_name}",
        author="Loopbrug",
        lang="nl",
    )
    document.build(story)
    return buffer.getvalue()
