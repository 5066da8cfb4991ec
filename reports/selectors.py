"""Report figures, all from database aggregates: one query (or a fixed few) per section,
whatever the number of trajecten. Small cells are suppressed before anything is stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from redis.exceptions import RedisError

from accounts.models import Region, Role, Sector, User
from financing.models import (
    Contribution,
    ContributionStatus,
    FinancingPlan,
    FunderType,
    Post,
    PostKind,
)
from financing.selectors import plan_bundles
from journeys.models import (
    JOURNEY,
    PHASE_NORM_DAYS,
    PHASE_NORM_TEXT,
    EntryRoute,
    OngekendTalent,
    Phase,
    PhaseChange,
    Traject,
)
from latende.selectors import region_business_case
from loopbrug.money import format_euro
from matching.models import Application, Match, Vacature
from onboarding.models import Uitval
from orientatie.models import Event, Registration

from .models import Breakdown

MIN_CELL = 5
HIDDEN = "<5"
HIDDEN_TOTAL = "*"
REPORT_PHASES = [*JOURNEY, Phase.UITGEVALLEN]


# --- suppression ---------------------------------------------------------------------------


def hidden(n: int | None) -> bool:
    """1 to 4 people could be recognised; zero is nobody and stays 0."""
    return 0 < (n or 0) < MIN_CELL


def cell(n: int | None):
    """A count as shown: 1 to 4 is "<5"."""
    n = n or 0
    return HIDDEN if hidden(n) else n


def reveals(parts: list[int]) -> bool:
    """Whether the parts' sum, once known (a shown total minus the shown parts), gives away a
    hidden part: one hidden part is the difference itself; several hidden parts are only
    given away when their sum leaves one possibility (all 1, or all 4)."""
    small = [p for p in parts if hidden(p)]
    if not small:
        return False
    return len(small) == 1 or sum(small) in (len(small), len(small) * (MIN_CELL - 1))


def total_cell(total: int, parts: list[int]):
    """A total as shown: hidden ("*") only when it would reveal a hidden part (secondary
    suppression); with two or more hidden parts it usually tells no more than their sum."""
    shown = cell(total)
    if shown != HIDDEN and reveals(parts):
        return HIDDEN_TOTAL
    return shown


def complement_cells(total: int, part: int) -> tuple:
    """A total with a part and its complement (started: retained and dropped; plans: veilig
    and not). The total is a base figure shown elsewhere too, so when one of the two parts
    is hidden the other one is hidden ("*") instead: it would give the hidden one away."""
    rest = total - part
    shown_total, shown_part, shown_rest = cell(total), cell(part), cell(rest)
    if shown_total != HIDDEN and reveals([part, rest]):
        if shown_rest == HIDDEN and shown_part == HIDDEN:  # 8 started, both hidden: 4 and 4
            shown_total = HIDDEN_TOTAL
        elif shown_rest == HIDDEN:
            shown_part = HIDDEN_TOTAL
        else:
            shown_rest = HIDDEN_TOTAL
    return shown_total, shown_part, shown_rest


def pct(part, whole) -> str:
    if not isinstance(part, int) or not isinstance(whole, int) or whole == 0:
        return "–"
    return f"{round(100 * part / whole)}%"


# --- scope ---------------------------------------------------------------------------------


def regions_for(*, user: User) -> QuerySet[Region]:
    if not user.is_authenticated:
        return Region.objects.none()
    if user.role == Role.BEHEERDER:
        return Region.objects.all()
    if user.role == Role.LOKET and user.organisation_id and user.organisation.region_id:
        return Region.objects.filter(pk=user.organisation.region_id)
    return Region.objects.none()


def may_report(*, user: User, region: Region | None) -> bool:
    if not user.is_authenticated:
        return False
    if user.role == Role.BEHEERDER:
        return True
    return region is not None and regions_for(user=user).filter(pk=region.pk).exists()


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


# --- sections ------------------------------------------------------------------------------


def _columns_sql(breakdown: str) -> list[tuple[str, str, str, list]]:
    """(key, label, SQL condition on the traject `t`, params) per column; column names are
    fixed here, only values travel as parameters."""
    if breakdown in (Breakdown.SECTOR, Breakdown.HERKOMST):
        field = "t.target_sector" if breakdown == Breakdown.SECTOR else "t.herkomst_sector"
        cols = [(s.value, str(s.label), f"{field} = %s", [s.value]) for s in Sector]
        return cols + [("", _("Onbekend"), f"{field} = %s", [""])]
    if breakdown == Breakdown.ENTRY_ROUTE:
        return [(r.value, str(r.label), "t.entry_route = %s", [r.value]) for r in EntryRoute]
    if breakdown == Breakdown.ONGEKEND_TALENT:
        # Only counted with consent; the categories overlap, so they do not add up.
        text = (
            "t.ongekend_talent::text" if connection.vendor == "postgresql" else "t.ongekend_talent"
        )
        return [
            (
                c.value,
                str(c.label),
                f"t.ongekend_talent_consent_at IS NOT NULL AND {text} LIKE %s",
                [f'%"{c.value}"%'],
            )
            for c in OngekendTalent
        ]
    return []


def _db(moment: datetime):
    """A moment as the database stores it (UTC text on SQLite), for raw SQL."""
    return connection.ops.adapt_datetimefield_value(moment)


FUNNEL_SQL = """
SELECT d.to_phase, COUNT(*) {columns}
FROM (
    SELECT DISTINCT c.traject_id, c.to_phase
    FROM journeys_phasechange c {region_join}
    WHERE c.at >= %s AND c.at < %s {region}
) d JOIN journeys_traject t ON t.id = d.traject_id
GROUP BY d.to_phase
"""


def funnel(*, region: Region | None, start: datetime, end: datetime, breakdown: str) -> dict:
    """How many trajecten reached each phase in the period (each counted once per phase)."""
    cols = _columns_sql(breakdown)
    columns = "".join(f", SUM(CASE WHEN {sql} THEN 1 ELSE 0 END)" for _k, _l, sql, _p in cols)
    params: list = [p for _k, _l, _s, ps in cols for p in ps] + [_db(start), _db(end)]
    region_join = region_sql = ""
    if region is not None:
        region_join = "JOIN journeys_traject r ON r.id = c.traject_id"
        region_sql = "AND r.region_id = %s"
        params.append(region.pk)
    sql = FUNNEL_SQL.format(columns=columns, region_join=region_join, region=region_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counts = {row[0]: [int(v or 0) for v in row[1:]] for row in cursor.fetchall()}
    rows, chart, previous = [], [], None
    for phase in REPORT_PHASES:
        data = counts.get(phase, [0] * (len(cols) + 1))
        total, parts = data[0], data[1:]
        # The ongekend-talent categories overlap and leave people out: no sum to subtract from.
        additive = bool(cols) and breakdown != Breakdown.ONGEKEND_TALENT
        shown = total_cell(total, parts) if additive else cell(total)
        conversion = "–"
        if phase in JOURNEY and previous is not None:
            conversion = pct(shown, previous)
        rows.append([str(Phase(phase).label), *[cell(p) for p in parts], shown, conversion])
        chart.append({"label": str(Phase(phase).label), "values": [shown]})
        if phase in JOURNEY:
            previous = shown
    return {
        "key": "funnel",
        "title": _("Trechter: trajecten die een fase bereikten"),
        "headers": [_("Fase"), *[c[1] for c in cols], _("Totaal"), _("Conversie")],
        "rows": rows,
        "chart": {"unit": "count", "series": [_("Trajecten")], "items": chart},
    }


# A phase left in the period ends with a change in the period: only those trajecten are walked.
LEAD_SQL = """
SELECT phase, {duration} AS days FROM (
    SELECT c.to_phase AS phase, c.at AS at,
           LEAD(c.at) OVER (PARTITION BY c.traject_id ORDER BY c.at, c.id) AS next_at
    FROM journeys_phasechange c
    WHERE c.at < %s AND c.traject_id IN (
        SELECT p.traject_id FROM journeys_phasechange p {region_join}
        WHERE p.at >= %s AND p.at < %s {region}
    )
) s WHERE next_at >= %s AND next_at < %s
"""


def _percentile(values: list[float], q: float) -> float:
    """Linear interpolation, as percentile_cont does."""
    pos = (len(values) - 1) * q
    low = int(pos)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (pos - low)


def lead_times(*, region: Region | None, start: datetime, end: datetime) -> dict:
    """Days spent in each phase, for phases left in the period (median and 75th percentile)."""
    params: list = [_db(end), _db(start), _db(end)]
    region_join = region_sql = ""
    if region is not None:
        region_join = "JOIN journeys_traject t ON t.id = p.traject_id"
        region_sql = "AND t.region_id = %s"
        params.append(region.pk)
    params += [_db(start), _db(end)]
    figures: dict[str, tuple[int, float, float]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = LEAD_SQL.format(
                duration="EXTRACT(EPOCH FROM (next_at - at)) / 86400.0",
                region_join=region_join,
                region=region_sql,
            )
            cursor.execute(
                "SELECT phase, COUNT(*), percentile_cont(ARRAY[0.5, 0.75]) WITHIN GROUP "
                f"(ORDER BY days) FROM ({sql}) d GROUP BY phase",
                params,
            )
            for phase, n, (median, p75) in cursor.fetchall():
                figures[phase] = (n, float(median), float(p75))
        else:  # SQLite: the durations come from the database, the percentile is portable
            sql = LEAD_SQL.format(
                duration="julianday(next_at) - julianday(at)",
                region_join=region_join,
                region=region_sql,
            )
            cursor.execute(f"SELECT phase, days FROM ({sql}) d ORDER BY phase, days", params)
            grouped: dict[str, list[float]] = {}
            for phase, days in cursor.fetchall():
                grouped.setdefault(phase, []).append(float(days))
            for phase, values in grouped.items():
                figures[phase] = (
                    len(values),
                    _percentile(values, 0.5),
                    _percentile(values, 0.75),
                )
    rows, chart = [], []
    for phase in JOURNEY[:-1]:
        n, median, p75 = figures.get(phase, (0, None, None))
        enough = n >= MIN_CELL
        chart.append(
            {
                "label": str(Phase(phase).label),
                "values": [round(median, 1) if enough else (HIDDEN if n else "–")],
                "norm": PHASE_NORM_DAYS.get(phase),
            }
        )
        rows.append(
            [
                str(Phase(phase).label),
                cell(n),
                round(median, 1) if enough else (HIDDEN if n else "–"),
                round(p75, 1) if enough else (HIDDEN if n else "–"),
                PHASE_NORM_DAYS.get(phase, "–"),
                str(PHASE_NORM_TEXT.get(phase, "")),
            ]
        )
    return {
        "key": "lead_time",
        "title": _("Doorlooptijd per fase in dagen"),
        "headers": [
            _("Fase"),
            _("Aantal"),
            _("Mediaan"),
            _("75e percentiel"),
            _("Norm (dagen)"),
            _("Norm"),
        ],
        "rows": rows,
        "chart": {
            "unit": "days",
            "series": [_("Mediaan")],
            "norm_label": _("Norm"),
            "items": chart,
        },
    }


def uitval(*, trajecten: QuerySet, start: datetime, end: datetime) -> dict:
    reasons = list(Uitval.Reason)
    counts = {
        row["phase"]: row
        for row in Uitval.objects.filter(traject__in=trajecten, at__gte=start, at__lt=end)
        .values("phase")
        .annotate(
            total=Count("pk"),
            **{f"r_{r.value}": Count("pk", filter=Q(reason=r.value)) for r in reasons},
        )
        .order_by()
    }
    rows = []
    for phase in JOURNEY[:-1]:
        data = counts.get(phase, {})
        parts = [data.get(f"r_{r.value}", 0) for r in reasons]
        rows.append(
            [
                str(Phase(phase).label),
                *[cell(p) for p in parts],
                total_cell(data.get("total", 0), parts),
            ]
        )
    return {
        "key": "uitval",
        "title": _("Uitval per fase en reden"),
        "headers": [_("Fase"), *[str(r.label) for r in reasons], _("Totaal")],
        "rows": rows,
        "chart": {
            "unit": "count",
            "series": [_("Uitgevallen")],
            "items": [{"label": row[0], "values": [row[-1]]} for row in rows],
        },
    }


def retention(*, trajecten: QuerySet, end: datetime) -> dict:
    """Onboarding's definition: started = the move to leerwerktraject; retained at a
    milestone when not uitgevallen before it (12 months counted as 365 days).
    One grouped pass over the phase changes, then one aggregate over it."""
    # An erased account's traject is closed as "account verwijderd": no drop-out, and left
    # out of these figures altogether; the table says how many.
    removed = trajecten.filter(phase=Phase.VERWIJDERD)
    per_traject = (
        PhaseChange.objects.filter(
            traject__in=trajecten.exclude(phase=Phase.VERWIJDERD),
            to_phase__in=[Phase.LEERWERKTRAJECT, Phase.UITGEVALLEN],
        )
        .values("traject")
        .annotate(
            start_at=Min("at", filter=Q(to_phase=Phase.LEERWERKTRAJECT)),
            drop_at=Min("at", filter=Q(to_phase=Phase.UITGEVALLEN)),
        )
        .order_by()
    )
    aggregates = {}
    for key, days in (("d100", 100), ("m12", 365)):
        moment = ExpressionWrapper(F("start_at") + timedelta(days=days), DateTimeField())
        eligible = Q(start_at__lte=end - timedelta(days=days))
        aggregates[f"{key}_eligible"] = Count("traject", filter=eligible)
        aggregates[f"{key}_retained"] = Count(
            "traject", filter=eligible & (Q(drop_at__isnull=True) | Q(drop_at__gte=moment))
        )
    figures = per_traject.aggregate(**aggregates)
    rows = []
    for key, label in (("d100", _("Na 100 dagen")), ("m12", _("Na 12 maanden"))):
        eligible, retained = figures[f"{key}_eligible"], figures[f"{key}_retained"]
        # Retained and its complement (uitgevallen) add up to the shown number started.
        shown_eligible, shown_retained, dropped = complement_cells(eligible, retained)
        share = pct(shown_retained, shown_eligible)
        rows.append([str(label), shown_eligible, shown_retained, dropped, share])
    rows.append([str(_("Account verwijderd (niet meegeteld)")), cell(removed.count()), "", "", ""])
    return {
        "key": "retention",
        "title": _("Behoud na de start van het leerwerktraject"),
        "headers": [_("Moment"), _("Gestart"), _("Behouden"), _("Uitgevallen"), _("Behoud")],
        "rows": rows,
        "chart": {
            "unit": "count",
            "series": [_("Behouden"), _("Uitgevallen")],
            "items": [{"label": row[0], "values": [row[2], row[3]]} for row in rows[:2]],
        },
    }


def _plan_verdicts(plans: QuerySet) -> tuple[int, int, list[tuple[Decimal, Decimal, bool]]]:
    """(veilig, without income, drops) over the plans. Financieel veilig is financing's own
    verdict (posts, income and contract together); it is computed per plan in batches by
    financing.selectors, with a fixed query count per batch. The income drop comes from the
    same per-plan income timeline (with the WW rule)."""
    veilig = without_income = 0
    drops: list[tuple[Decimal, Decimal, bool]] = []
    traject_ids = list(plans.values_list("traject_id", flat=True))
    for i in range(0, len(traject_ids), 500):
        batch = list(Traject.objects.filter(pk__in=traject_ids[i : i + 500]))
        for bundle in plan_bundles(trajecten=batch, for_figures=True).values():
            veilig += bundle.verdict.veilig
            if not bundle.timeline.has_income:
                # "Nog geen inkomensplaatje": no income figure, not a total loss.
                without_income += 1
                continue
            largest = bundle.timeline.largest_drop
            if largest is not None:
                drop = max(largest.drop, Decimal(0))
                drop_pct = max(largest.drop_pct or Decimal(0), Decimal(0))
                drops.append((drop_pct, drop, largest.over_threshold))
    return veilig, without_income, drops


def _financing_plans(trajecten: QuerySet, end: datetime) -> QuerySet[FinancingPlan]:
    return FinancingPlan.objects.filter(traject__in=trajecten, created_at__lt=end)


def veilig_share(*, trajecten: QuerySet, end: datetime) -> str:
    """The financing table's "Aandeel financieel veilig" alone (the loket home's figure),
    without the table's other aggregates."""
    plans = _financing_plans(trajecten, end)
    shown_plans, shown_veilig, _niet = complement_cells(plans.count(), _plan_verdicts(plans)[0])
    return pct(shown_veilig, shown_plans)


def financing(*, trajecten: QuerySet, end: datetime) -> list[dict]:
    plans = _financing_plans(trajecten, end)
    n_plans = plans.count()
    veilig, without_income, drops = _plan_verdicts(plans)
    shown_plans, shown_veilig, shown_niet = complement_cells(n_plans, veilig)
    plan_rows = [
        [_("Financieringsplannen"), shown_plans],
        [_("Financieel veilig"), shown_veilig],
        [_("Niet (nog niet) veilig"), shown_niet],
        [_("Aandeel financieel veilig"), pct(shown_veilig, shown_plans)],
    ]
    posts = (
        Post.objects.filter(plan__in=plans, estimate__isnull=False)
        .values("kind")
        .annotate(
            n=Count("plan", distinct=True),
            avg=Avg("estimate"),
            norm=Avg((F("norm_cost_min") + F("norm_cost_max")) / 2),
        )
        .order_by("kind")
    )

    post_rows = []
    for row in posts:
        enough = row["n"] >= MIN_CELL
        post_rows.append(
            [
                str(PostKind(row["kind"]).label),
                cell(row["n"]),
                _money(row["avg"]) if enough else HIDDEN,
                _money(row["norm"]) if enough and row["norm"] is not None else "–",
            ]
        )
    coverage = coverage_per_post(plans)
    funders = {
        row["funder_type"]: row
        for row in Contribution.objects.filter(
            post__plan__in=plans, status=ContributionStatus.TOEGEZEGD
        )
        .values("funder_type")
        .annotate(n=Count("post__plan", distinct=True), amount=Sum("amount"))
        .order_by()
    }
    grand = sum((r["amount"] for r in funders.values()), Decimal(0))
    # The shares add up to 100%: with one hidden funder type they would give its share
    # (and with the shown amounts its amount) away, so then no share is shown.
    share_reveals = sum(hidden(funders.get(f.value, {"n": 0})["n"]) for f in FunderType) == 1
    funder_rows = []
    for funder in FunderType:
        row = funders.get(funder.value, {"n": 0, "amount": Decimal(0)})
        shown_n = cell(row["n"])
        if shown_n == HIDDEN:
            amount, share = HIDDEN, "–"
        else:
            amount = _money(row["amount"])
            share = f"{round(100 * row['amount'] / grand)}%" if grand else "–"
            if share_reveals and row["n"]:
                share = HIDDEN_TOTAL
        funder_rows.append([str(funder.label), shown_n, amount, share])
    return [
        {
            "key": "financing",
            "title": _("Financiering"),
            "headers": [_("Cijfer"), _("Aantal")],
            "rows": plan_rows,
        },
        {
            "key": "financing_posts",
            "title": _("Gemiddelde kosten per post tegenover de sectornorm (euro)"),
            "headers": [_("Post"), _("Plannen"), _("Gemiddelde raming"), _("Norm (midden)")],
            "rows": post_rows,
        },
        coverage,
        {
            "key": "financing_funders",
            "title": _("Aandeel per type financier (toegezegd)"),
            "headers": [_("Financier"), _("Plannen"), _("Bedrag"), _("Aandeel")],
            "rows": funder_rows,
        },
        income_drop(drops, without_income=without_income),
    ]


def coverage_per_post(plans: QuerySet) -> dict:
    """Per post: the plans' estimates against the contributions promised (toegezegd), in
    two grouped queries. Amounts and shares are hidden exactly where the plan count is."""
    estimates = (
        Post.objects.filter(plan__in=plans, estimate__isnull=False)
        .values("kind")
        .annotate(n=Count("plan", distinct=True), estimate=Sum("estimate"))
        .order_by()
    )
    promised = dict(
        Contribution.objects.filter(
            post__plan__in=plans,
            post__estimate__isnull=False,
            status=ContributionStatus.TOEGEZEGD,
        )
        .values_list("post__kind")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    by_kind = {row["kind"]: row for row in estimates}
    rows, chart = [], []
    for kind in PostKind:
        row = by_kind.get(kind.value)
        if row is None:
            continue
        shown_n = cell(row["n"])
        covered = promised.get(kind.value) or Decimal(0)
        if shown_n == HIDDEN:
            estimate = amount = share = HIDDEN
        else:
            estimate, amount = _money(row["estimate"]), _money(covered)
            share = round(100 * covered / row["estimate"]) if row["estimate"] else "–"
        rows.append(
            [
                str(kind.label),
                shown_n,
                estimate,
                amount,
                f"{share}%" if isinstance(share, int) else share,
            ]
        )
        chart.append({"label": str(kind.label), "values": [share]})
    return {
        "key": "financing_coverage",
        "title": _("Dekking per post: toegezegde bijdragen tegenover de raming"),
        "headers": [_("Post"), _("Plannen"), _("Raming"), _("Toegezegd"), _("Dekking")],
        "rows": rows,
        "chart": {"unit": "pct", "series": [_("Dekking")], "items": chart},
    }


def income_drop(drops: list[tuple[Decimal, Decimal, bool]], *, without_income: int = 0) -> dict:
    """The largest monthly income drop per plan, against the income before the switch.

    Each item is (drop in %, drop in euro, over the plan's limit) for a plan with an income
    picture. Median and 75th percentile are shown only over at least MIN_CELL plans."""
    n = len(drops)
    dropping = sum(1 for pct_, _eur, _over in drops if pct_ > 0)
    over = sum(1 for _pct, _eur, over_ in drops if over_)
    enough = n >= MIN_CELL

    def spread(values: list[Decimal], fmt: Callable[[float], str]) -> list[str]:
        if not enough:
            return [HIDDEN if n else "–", HIDDEN if n else "–"]
        ordered = sorted(float(v) for v in values)
        return [fmt(_percentile(ordered, 0.5)), fmt(_percentile(ordered, 0.75))]

    rows = [
        [_("Plannen met een inkomensplaatje"), cell(n), "", ""],
        [_("Plannen zonder inkomensplaatje (niet meegeteld)"), cell(without_income), "", ""],
        [_("Inkomen daalt in een of meer maanden"), cell(dropping), "", ""],
        [_("Daling boven de grens van het plan"), cell(over), "", ""],
        [
            _("Grootste daling per plan (procent)"),
            cell(n),
            *spread([d[0] for d in drops], lambda v: f"{v:.1f}%"),
        ],
        [
            _("Grootste daling per plan (euro per maand)"),
            cell(n),
            *spread([d[1] for d in drops], lambda v: f"{v:.0f}"),
        ],
    ]
    return {
        "key": "financing_income",
        "title": _("Inkomensdaling tijdens de overstap"),
        "headers": [_("Cijfer"), _("Plannen"), _("Mediaan"), _("75e percentiel")],
        "rows": rows,
    }


def _money(value) -> str:
    """An amount as everywhere else: € 2.400,00."""
    return format_euro(value, empty="–")


def matching(*, region: Region | None, start: datetime, end: datetime) -> dict:
    vac = Vacature.objects.all() if region is None else Vacature.objects.filter(region=region)
    open_ = dict(
        vac.filter(status=Vacature.Status.OPEN, published_at__lt=end)
        .values_list("sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    matches = dict(
        Match.objects.filter(vacature__in=vac, computed_at__gte=start, computed_at__lt=end)
        .values_list("vacature__sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    apps = {
        row["vacature__sector"]: row
        for row in Application.objects.filter(vacature__in=vac)
        .values("vacature__sector")
        .annotate(
            n=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
            contracts=Count(
                "pk", filter=Q(contract_signed_at__gte=start, contract_signed_at__lt=end)
            ),
        )
        .order_by()
    }
    rows = []
    for sector in Sector:
        a = apps.get(sector.value, {})
        rows.append(
            [
                str(sector.label),
                cell(open_.get(sector.value, 0)),
                cell(matches.get(sector.value, 0)),
                cell(a.get("n", 0)),
                cell(a.get("contracts", 0)),
            ]
        )
    return {
        "key": "matching",
        "title": _("Matching per sector"),
        "headers": [
            _("Sector"),
            _("Open vacatures"),
            _("Matches"),
            _("Sollicitaties"),
            _("Contracten"),
        ],
        "rows": rows,
    }


def businesscase(*, region: Region | None) -> dict:
    """The leaving employers' business case, totalled over the region's campaigns (issue 16):
    what their switch routes cost against forced redundancy (their own pledges, the
    beheerder's assumptions), and what the switches return to the public purse. The public
    side sums plans of people, so it is shown only over at least MIN_CELL trajecten. It covers
    every campaign, whatever the report's period (its title says so)."""
    case = region_business_case(region_id=region.pk if region else None)
    public = case.public
    enough = case.trajecten >= MIN_CELL

    def shown(value):
        return value if enough else HIDDEN

    rows = [
        [_("Campagnes van latende werkgevers"), case.campaigns],
        [_("Mensen in verdwijnbanen"), case.headcount],
        [_("Kosten overstaproutes voor de werkgevers"), _money(case.switch_total)],
        [_("Kosten bij gedwongen ontslag"), _money(case.redundancy_total)],
        [_("Besparing voor de werkgevers"), _money(case.redundancy_total - case.switch_total)],
        [_("Trajecten met een financieringsplan"), cell(case.trajecten)],
        [_("WW-maanden voorkomen"), shown(public.months_avoided)],
        [_("WW voorkomen"), shown(_money(public.amount_avoided))],
        [_("Publiek geld in de plannen"), shown(_money(public.public_contributions))],
        [_("Opbrengst voor de overheid"), shown(_money(public.net_return))],
    ]
    return {
        "key": "businesscase",
        "title": _("Businesscase van de latende werkgevers (alle campagnes, los van de periode)"),
        "headers": [_("Onderdeel"), _("Totaal")],
        "rows": rows,
    }


CONVERSION_DAYS = 90


def orientatie(*, region: Region | None, start: datetime, end: datetime) -> list[dict]:
    """Events that began in the period, per kind and per event: sign-ups (with a place),
    attendance, and how many of them started a traject within 90 days (sign-ups linked to an
    account with the person's consent). One query; small cells suppressed."""
    events = Event.objects.filter(
        starts_at__gte=start, starts_at__lt=end, published_at__isnull=False
    )
    if region is not None:
        events = events.filter(region=region)
    window_end = ExpressionWrapper(
        OuterRef("event__starts_at") + timedelta(days=CONVERSION_DAYS),
        output_field=DateTimeField(),
    )
    started = Traject.objects.filter(
        overstapper=OuterRef("user"),
        created_at__gte=OuterRef("created_at"),
        created_at__lt=window_end,
    )
    rows = (
        Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED)
        .annotate(started=Exists(started))
        .values_list("event_id", "attended", "started")
    )
    per_event: dict[int, list[int]] = {}
    for event_id, attended, began in rows:
        counts = per_event.setdefault(event_id, [0, 0, 0])
        counts[0] += 1
        counts[1] += attended is True
        counts[2] += bool(began)
    listed = list(events.order_by("starts_at", "pk").values("pk", "title", "kind", "starts_at"))
    kinds = dict(Event.Kind.choices)
    per_kind: dict[str, list[int]] = {k: [0, 0, 0, 0] for k in kinds}
    event_rows = []
    for event in listed:
        counts = per_event.get(event["pk"], [0, 0, 0])
        totals = per_kind[event["kind"]]
        totals[0] += 1
        for i in range(3):
            totals[i + 1] += counts[i]
        event_rows.append(
            [
                event["title"],
                timezone.localtime(event["starts_at"]).strftime("%d-%m-%Y"),
                str(kinds[event["kind"]]),
                *[cell(n) for n in counts],
            ]
        )
    kind_rows = [
        [str(label), per_kind[key][0], *[cell(n) for n in per_kind[key][1:]]]
        for key, label in kinds.items()
    ]
    return [
        {
            "key": "orientatie-soort",
            "title": _("Oriëntatie per soort bijeenkomst"),
            "headers": [
                _("Soort"),
                _("Bijeenkomsten"),
                _("Aanmeldingen"),
                _("Aanwezig"),
                _("Traject gestart binnen 90 dagen"),
            ],
            "rows": kind_rows,
        },
        {
            "key": "orientatie-bijeenkomst",
            "title": _("Oriëntatie per bijeenkomst"),
            "headers": [
                _("Bijeenkomst"),
                _("Datum"),
                _("Soort"),
                _("Aanmeldingen"),
                _("Aanwezig"),
                _("Traject gestart binnen 90 dagen"),
            ],
            "rows": event_rows,
        },
    ]


# --- the report ----------------------------------------------------------------------------


def compute_report(
    *,
    region: Region | None,
    period_start: date,
    period_end: date,
    breakdown: str = Breakdown.NONE,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """All figures of one report, already suppressed: safe to store and to show."""
    if breakdown not in Breakdown.values:
        raise ValueError("unknown breakdown")
    start, end = _bounds(period_start, period_end)
    if connection.vendor != "postgresql":
        return _compute(region, period_start, period_end, start, end, breakdown, progress)
    # Big sorts and hashes stay in memory; not in a transaction, so progress stays visible.
    with connection.cursor() as cursor:
        cursor.execute(PG_SESSION)
    try:
        return _compute(region, period_start, period_end, start, end, breakdown, progress)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(PG_RESET)


PG_SESSION = "SET work_mem = '256MB'; SET jit = off"
PG_RESET = "RESET work_mem; RESET jit"


def _run_side_by_side(jobs: list[Callable[[], dict]], step: Callable[[int], None]) -> list[dict]:
    """The three heavy sections, on PostgreSQL side by side on their own connections (a
    national report uses both cores); in a transaction (tests) or on SQLite one by one."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        results = []
        for index, job in enumerate(jobs):
            results.append(job())
            step(20 * (index + 1) - 5)
        return results
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections
    from django.utils import translation

    language = translation.get_language()

    def run(job):
        try:
            with translation.override(language), connection.cursor() as cursor:
                cursor.execute(PG_SESSION)
                return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        results = []
        for index, future in enumerate(futures):
            results.append(future.result())
            step(20 * (index + 1) - 5)
    return results


def _compute(region, period_start, period_end, start, end, breakdown, progress) -> dict:
    trajecten = Traject.objects.all() if region is None else Traject.objects.filter(region=region)
    step = progress or (lambda _p: None)
    heavy = _run_side_by_side(
        [
            lambda: funnel(region=region, start=start, end=end, breakdown=breakdown),
            lambda: lead_times(region=region, start=start, end=end),
            lambda: retention(trajecten=trajecten, end=end),
        ],
        step,
    )
    tables = [heavy[0], heavy[1], uitval(trajecten=trajecten, start=start, end=end), heavy[2]]
    step(60)
    tables += financing(trajecten=trajecten, end=end)
    step(80)
    tables.append(matching(region=region, start=start, end=end))
    tables += orientatie(region=region, start=start, end=end)
    tables.append(businesscase(region=region))
    step(95)
    return {
        "region": region.name if region else _("Landelijk"),
        "region_id": region.pk if region else None,
        "period_start": period_start.isoformat(),
        "period_end": period_end.isoformat(),
        "breakdown": breakdown,
        "breakdown_label": str(Breakdown(breakdown).label),
        "generated_at": timezone.now().isoformat(),
        "tables": tables,
    }


# --- The loket's home page: the region's key figures ----------------------------------------


LOKET_FIGURES = (
    ("aanmeldingen", gettext_lazy("Aanmeldingen")),
    ("in_traject", gettext_lazy("Nu in traject")),
    ("geplaatst", gettext_lazy("Geplaatst (gestart met leerwerktraject)")),
    ("uitval", gettext_lazy("Uitval")),
    ("behoud", gettext_lazy("Behoud na 12 maanden")),
    ("veilig", gettext_lazy("Financieel veilig")),
)


def _loket_figures(*, region: Region, today: date) -> dict:
    """The region's key figures over the 12 months up to today, as shown (suppressed): the
    funnel, retention and every plan's financing verdict, so the costliest read of the loket."""
    start, end = _bounds(today - timedelta(days=364), today)
    trajecten = Traject.objects.filter(region=region)
    reached = {
        row[0]: row[-2] for row in funnel(region=region, start=start, end=end, breakdown="")["rows"]
    }
    active = trajecten.exclude(
        phase__in=[Phase.AFGEROND, Phase.UITGEVALLEN, Phase.VERWIJDERD, Phase.AANMELDING]
    ).count()
    kept = retention(trajecten=trajecten, end=end)["rows"][1]  # after 12 months
    return {
        "aanmeldingen": reached[str(Phase.AANMELDING.label)],
        "in_traject": cell(active),
        "geplaatst": reached[str(Phase.LEERWERKTRAJECT.label)],
        "uitval": reached[str(Phase.UITGEVALLEN.label)],
        "behoud": kept[4],
        "veilig": veilig_share(trajecten=trajecten, end=end),
    }


def _cached(key: str, seconds: int, compute: Callable[[], dict]) -> dict:
    """compute() kept for `seconds` in the cache (with the moment it was computed); a cache
    that does not answer (Redis down) costs a fresh computation, never an error, as in the
    API throttling (loopbrug/throttling.py)."""
    found = None
    if seconds > 0:
        try:
            found = cache.get(key)
        except (RedisError, OSError):
            pass
    if found is None:
        found = _keep(key, compute(), timeout=seconds)
    return found


def _keep(key: str, values: dict, *, timeout: int) -> dict:
    """The values with the moment they were computed, kept for `timeout` seconds (not at all
    at 0, or when the cache does not answer)."""
    found = {"values": values, "computed_at": timezone.now()}
    if timeout > 0:
        try:
            cache.set(key, found, timeout=timeout)
        except (RedisError, OSError):
            pass  # computed again next time, as without a cache
    return found


def _loket_home_key(region: Region, today: date) -> str:
    return f"loket_home:{region.pk}:{today.isoformat()}"


def loket_regions() -> QuerySet[Region]:
    """The regions with an active loket member: the ones whose home page is opened."""
    return Region.objects.filter(
        organisations__members__role=Role.LOKET, organisations__members__is_active=True
    ).distinct()


def loket_home_refresh(*, region: Region, today: date | None = None) -> None:
    """Compute the region's key figures now and keep them, so no loket member waits for them
    (the worker does this every LOKET_HOME_CACHE_SECONDS; see reports.tasks). They are kept
    twice that long, so a late run never leaves the page to compute them itself."""
    seconds = settings.LOKET_HOME_CACHE_SECONDS
    if seconds <= 0:
        return
    today = today or timezone.localdate()
    _keep(
        _loket_home_key(region, today),
        _loket_figures(region=region, today=today),
        timeout=2 * seconds,
    )


def loket_home(*, region: Region, today: date | None = None) -> dict:
    """The region's key figures over the last 12 months, with the reports' suppression (1 to 4
    is "<5"), the trajecten per phase now (suppressed too) and the region's last reports.

    The key figures cost the most of any page (the financing verdict of every plan), so they
    are computed at most once per LOKET_HOME_CACHE_SECONDS per region and day, by the worker
    ahead of time (loket_home_refresh) or else on the visit that finds none; the page says
    when. The phases now and the reports are read on every visit."""
    from .models import ReportRun

    today = today or timezone.localdate()
    seconds = settings.LOKET_HOME_CACHE_SECONDS
    kept = _cached(
        _loket_home_key(region, today),
        seconds,
        lambda: _loket_figures(region=region, today=today),
    )
    figures = [{"label": label, "value": kept["values"][key]} for key, label in LOKET_FIGURES]
    counts = dict(
        Traject.objects.filter(region=region)
        .values_list("phase")
        .annotate(n=Count("pk"))
        .values_list("phase", "n")
    )
    phases = [
        {"phase": p, "label": Phase(p).label, "count": cell(counts.get(p, 0))}
        for p in REPORT_PHASES
    ]
    reports = ReportRun.objects.filter(region=region, status=ReportRun.Status.DONE).order_by(
        "-created_at"
    )[:5]
    return {
        "period_start": today - timedelta(days=364),
        "period_end": today,
        "figures": figures,
        "computed_at": kept["computed_at"],
        "refresh_minutes": -(-seconds // 60) if seconds > 0 else 0,  # rounded up
        "phases": phases,
        "reports": list(reports),
    }
