"""What Loopbrug holds about an overstapper, as data (JSON) and for the PDF of all of it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Sector, User

from . import hooks
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
        "trajecten": hooks.trajecten_export(user),
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


def profile_export_context(*, profile: Profile) -> dict:
    """What the PDF of all my data adds to the profile page (templates/profiles/export.html):
    the JSON export's data, with shares and views as the "Delen" page shows them."""
    return {
        "export": profile_export_data(user=profile.user),
        "shares": shares_for_owner(profile=profile),
        "views": profile_views_for_owner(profile=profile),
    }
