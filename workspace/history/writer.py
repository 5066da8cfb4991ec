"""Writing the simulated history with bulk inserts: people, trajecten and their phase
changes, uitval, closed vacatures with matches and applications, financing plans and
orientation events with sign-ups."""

from __future__ import annotations

import math
import random
import time
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Organisation, Region, Role, Sector, User
from financing.models import (
    POST_ORDER,
    TRANSITIEACTIVITEITEN,
    ContractType,
    Contribution,
    ContributionStatus,
    FinancingPlan,
    FunderType,
    IncomeKind,
    IncomePeriod,
    Post,
    PostKind,
)
from financing.rules.posts import income_post_norm_estimate
from financing.selectors import norms_for_sector
from journeys.models import TRANSITIONS, Phase, PhaseChange
from journeys.models import Traject as TrajectModel
from matching.engine import ENGINE_VERSION
from matching.models import Application, ApplicationEvent, Match, Vacature
from onboarding.models import Uitval
from orientatie.models import Event, EventSector, Registration, Session
from profiles.models import Profile

from .simulation import (
    COACH_BUREAU,
    DAYS,
    EMPLOYERS,
    FIRST,
    HISTORY_COACHES,
    LAST,
    LATENDE,
    NAMED_COACH_OPEN,
    REGION,
    SEED,
    TARGET_SECTORS,
    UITVAL_TEXT,
    VACATURE_TERMS,
    VACATURE_TITLES,
    Walk,
    assign_coaches,
    email,
    simulate,
)


class Builder:
    def __init__(self, *, staff: dict[str, User]):
        self.staff = staff
        self.rng = random.Random(SEED)
        # Anchored to the start of today: a history built twice on one day is the same.
        today = timezone.localdate()
        self.now = timezone.make_aware(datetime.combine(today, datetime.min.time()))
        self.today = today
        self.region = Region.objects.get(code=REGION)
        self.unusable = make_password(None)

    def run(self) -> dict[str, float]:
        """Build every part; the seconds each part took."""
        timings, began = {}, time.perf_counter()
        self.walks = simulate(now=self.now, rng=self.rng)
        assign_coaches(self.walks, now=self.now, rng=self.rng)
        for step in (
            self.organisations,
            self.people,
            self.trajecten,
            self.vacatures,
            self.profiles_and_matches,
            self.applications,
            self.financing,
            self.orientatie,
        ):
            step()
            timings[step.__name__] = time.perf_counter() - began
            began = time.perf_counter()
        return timings

    # people and organisations

    def organisations(self) -> None:
        kind = Organisation.Kind
        self.bureau, _ = Organisation.objects.get_or_create(
            name=COACH_BUREAU,
            kind=kind.COACHBUREAU,
            defaults={"sector": Sector.OVERIG, "region": self.region},
        )
        self.employers, self.employer_list = {}, []
        for name, sector in EMPLOYERS:
            org, _ = Organisation.objects.get_or_create(
                name=name, kind=kind.WERKGEVER, defaults={"sector": sector, "region": self.region}
            )
            self.employers.setdefault(sector, []).append(org)
            self.employer_list.append(org)
        self.latende = {
            o.name: o for o in Organisation.objects.filter(name__in=LATENDE, kind=kind.WERKGEVER)
        }
        self.loket_org = self.staff["loket"].organisation

    def _users(self, rows: list[dict]) -> list[User]:
        return User.objects.bulk_create(
            [User(password=self.unusable, **row) for row in rows], batch_size=1000
        )

    def people(self) -> None:
        rng = self.rng
        buitenboordmotor = self.staff["coach"].organisation
        coaches = self._users(
            [
                {
                    "email": email("coach", i),
                    "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "role": Role.COACH,
                    "organisation": buitenboordmotor if i % 2 else self.bureau,
                    "date_joined": self.now - timedelta(days=DAYS + 30),
                    "email_confirmed_at": self.now - timedelta(days=DAYS + 30),
                }
                for i in range(1, HISTORY_COACHES + 1)
            ]
        )
        self.coaches: dict = {i: c for i, c in enumerate(coaches, start=1)}
        self.coaches |= {key: self.staff[key] for key in NAMED_COACH_OPEN}
        self.overstappers = self._users(
            [
                {
                    "email": email("o", w.n),
                    "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "role": Role.OVERSTAPPER,
                    "home_region": self.region,
                    "date_joined": w.signup,
                    "email_confirmed_at": w.signup,
                    "intake_consent_at": w.signup,
                }
                for w in self.walks
            ]
        )

    def trajecten(self) -> None:
        for walk in self.walks:
            for previous, following, _at in walk.steps[1:]:
                # The same rule the phase machine enforces (journeys.models.TRANSITIONS).
                assert following in TRANSITIONS[previous], (previous, following)
        objs = [
            TrajectModel(
                overstapper=user,
                attempt=1,
                phase=w.phase,
                phase_since=w.since,
                coach=self.coaches[w.coach_key],
                region=self.region,
                target_sector=w.sector,
                herkomst_sector=w.herkomst,
                latende_werkgever=self.latende.get(w.latende or ""),
                entry_route=w.entry_route,
                ongekend_talent=w.ongekend,
                ongekend_talent_consent_at=w.signup if w.ongekend else None,
            )
            for w, user in zip(self.walks, self.overstappers, strict=True)
        ]
        self.traject_list = TrajectModel.objects.bulk_create(objs, batch_size=1000)
        for traject, walk in zip(self.traject_list, self.walks, strict=True):
            traject.created_at = walk.signup  # auto_now_add set it to now
        TrajectModel.objects.bulk_update(self.traject_list, ["created_at"], batch_size=500)
        changes = []
        for traject, walk in zip(self.traject_list, self.walks, strict=True):
            for previous, following, at in walk.steps:
                if not previous:
                    reason = "Aangemeld."
                elif following == Phase.UITGEVALLEN:
                    reason = UITVAL_TEXT[walk.dropped[1]]
                elif following == Phase.MATCH and previous == Phase.SELECTIE:
                    reason = "Meeloopstage liet zien dat deze baan niet past; verder zoeken."
                else:
                    reason = "Stap afgerond."
                by = traject.overstapper if not previous else traject.coach
                changes.append(
                    PhaseChange(
                        traject=traject,
                        from_phase=previous,
                        to_phase=following,
                        at=at,
                        by=by,
                        reason=reason,
                    )
                )
        PhaseChange.objects.bulk_create(changes, batch_size=2000)
        Uitval.objects.bulk_create(
            [
                Uitval(
                    traject=t,
                    phase=w.dropped[0],
                    reason=w.dropped[1],
                    text=UITVAL_TEXT[w.dropped[1]],
                    by=t.coach,
                    at=w.dropped[2],
                )
                for t, w in zip(self.traject_list, self.walks, strict=True)
                if w.dropped
            ],
            batch_size=1000,
        )

    # matching

    def vacatures(self) -> None:
        """Closed vacatures, a few per sector and half year: they were filled in the past."""
        rng, rows = self.rng, []
        for half_year in range(6):
            published = self.now - timedelta(days=DAYS - 182 * half_year + 60)
            for sector, titles in VACATURE_TITLES.items():
                hours, low, high, niveau = VACATURE_TERMS[sector]
                for title in titles:
                    rows.append(
                        Vacature(
                            organisation=rng.choice(self.employers[sector]),
                            title=title,
                            sector=sector,
                            region=self.region,
                            hours_per_week=hours,
                            salary_min=low,
                            salary_max=high,
                            niveau=niveau,
                            is_leerwerkplek=True,
                            status=Vacature.Status.GESLOTEN,
                            published_at=published,
                            closed_at=published + timedelta(days=240),
                        )
                    )
        self.vacature_list = Vacature.objects.bulk_create(rows, batch_size=500)

    def _vacatures_at(self, sector: str, at: datetime) -> list[Vacature]:
        """The vacatures of a sector that were published at a moment (or the latest)."""
        found = [
            v
            for v in self.vacature_list
            if v.sector == sector and v.published_at <= at <= v.closed_at
        ]
        return found or [v for v in self.vacature_list if v.sector == sector][-3:]

    def profiles_and_matches(self) -> None:
        """A profile for everyone who reached the match phase, and the matches they got then
        (with vacatures now closed, which no rescore touches)."""
        rng = self.rng
        self.reached_match = [
            (t, w) for t, w in zip(self.traject_list, self.walks, strict=True) if w.reached("match")
        ]
        profiles = Profile.objects.bulk_create(
            [
                # Only the target sector: the match engine scores these profiles below any
                # persona's, so the personas keep their matches in every rescore.
                Profile(user=t.overstapper, target_sectors=[w.sector])
                for t, w in self.reached_match
            ],
            batch_size=1000,
        )
        self.profile_of = {p.user_id: p for p in profiles}
        matches = []
        for traject, walk in self.reached_match:
            computed = walk.reached("match") + timedelta(days=rng.uniform(0.5, 3))
            options = self._vacatures_at(walk.sector, computed)
            for vacature in rng.sample(options, min(3, len(options))):
                matches.append(
                    Match(
                        profile=self.profile_of[traject.overstapper_id],
                        vacature=vacature,
                        score=rng.randint(52, 91),
                        engine_version=ENGINE_VERSION,
                        computed_at=min(computed, self.now),
                    )
                )
        Match.objects.bulk_create(matches, batch_size=2000)
        self.matched = {}
        for m in matches:
            self.matched.setdefault(m.profile_id, []).append(m.vacature)

    def applications(self) -> None:
        """One application per traject that reached selectie (and some in match): its steps
        follow the traject; signed when the leerwerktraject began."""
        rng, s = self.rng, Application.Status
        apps, steps_of, self.signed = [], [], {}
        for traject, walk in self.reached_match:
            selectie = walk.reached(Phase.SELECTIE)
            started = walk.reached(Phase.LEERWERKTRAJECT)
            if selectie is None:
                if walk.phase != Phase.MATCH or rng.random() < 0.5:
                    continue
                interest = walk.since + (self.now - walk.since) * rng.random()
                statuses = [(s.INTERESSE, interest)]
            else:
                interest = selectie - timedelta(days=rng.uniform(2, 10))
                statuses = [
                    (s.INTERESSE, interest),
                    (s.MEELOOPDAG, selectie),
                    (s.ONDERZOEK, selectie + timedelta(days=rng.uniform(3, 8))),
                ]
                end = started or walk.back_at or (walk.dropped and walk.dropped[2])
                if started:
                    statuses += [
                        (s.SELECTIE, started - timedelta(days=rng.uniform(8, 14))),
                        (s.CONTRACT, started - timedelta(days=rng.uniform(3, 7))),
                        (s.GETEKEND, started - timedelta(days=rng.uniform(0.5, 2.5))),
                    ]
                elif end:
                    statuses.append(
                        (s.AFGEWEZEN if walk.back_at else s.INGETROKKEN, end)
                        if end > statuses[-1][1]
                        else (s.INGETROKKEN, statuses[-1][1] + timedelta(hours=2))
                    )
                else:  # in selectie now
                    statuses = [(st, at) for st, at in statuses if at < self.now]
            profile = self.profile_of[traject.overstapper_id]
            vacature = self.matched[profile.pk][0]
            status, last_at = statuses[-1]
            signed_at = last_at if status == s.GETEKEND else None
            apps.append(
                Application(
                    profile=profile,
                    vacature=vacature,
                    status=status,
                    onderzoek_started_at=next((a for st, a in statuses if st == s.ONDERZOEK), None),
                    meeloopdag_on=timezone.localdate(selectie) + timedelta(days=rng.randint(1, 2))
                    if selectie
                    else None,
                    meeloopdag_days=rng.choice([1, 1, 2, 3]) if selectie else None,
                    contract_conditions="Diploma behaald binnen het leerwerktraject."
                    if signed_at or status == s.CONTRACT
                    else "",
                    contract_signed_at=signed_at,
                    rejection_reason="De meeloopstage liet zien dat het werk niet past."
                    if status == s.AFGEWEZEN
                    else "",
                )
            )
            steps_of.append((statuses, interest))
            if signed_at:
                self.signed[traject.pk] = vacature
        created = Application.objects.bulk_create(apps, batch_size=1000)
        for app, (_statuses, interest) in zip(created, steps_of, strict=True):
            app.created_at = interest
        Application.objects.bulk_update(created, ["created_at"], batch_size=500)
        events = []
        for app, (statuses, _interest) in zip(created, steps_of, strict=True):
            previous = ""
            for status, at in statuses:
                events.append(
                    ApplicationEvent(application=app, from_status=previous, to_status=status, at=at)
                )
                previous = status
        ApplicationEvent.objects.bulk_create(events, batch_size=2000)

    # financing

    def financing(self) -> None:
        """A plan for every traject that reached selectie and for some in match: the posts
        from the sector's norms; with a signed contract most plans are fully covered and
        financieel veilig, before that some posts are still open or only proposed."""
        rng = self.rng
        norms = {sector: norms_for_sector(sector) for sector in TARGET_SECTORS}
        planned = []
        for traject, walk in zip(self.traject_list, self.walks, strict=True):
            if walk.reached(Phase.SELECTIE) or (walk.phase == Phase.MATCH and rng.random() < 0.4):
                planned.append((traject, walk))
        plans, posts_of, extra_of = [], [], []
        for traject, walk in planned:
            signed = traject.pk in self.signed
            veilig = signed and rng.random() < 0.82
            income = Decimal(rng.randrange(2600, 5200, 50))
            new_wage = (income * Decimal(rng.choice(["0.96", "1.00", "1.04", "1.10"]))).quantize(
                Decimal("1")
            )
            norm = norms[walk.sector]
            leertijd = norm.get(PostKind.LEERTIJD)
            months = (
                math.ceil(leertijd.duration_months) if leertijd and leertijd.duration_months else 12
            )
            plan = FinancingPlan(
                traject=traject,
                norm_sector=walk.sector if norm else "",
                start_month=timezone.localdate(
                    walk.reached(Phase.ORIENTATIE) or walk.signup
                ).replace(day=1),
                orientatie_months=3,
                overstap_months=rng.choice([0, 0, 1, 2]),
                leertijd_months=months,
                income_before=income,
                new_wage=new_wage,
                contract_type=ContractType.VAST if signed else "",
                created_by=traject.coach,
                updated_by=traject.coach,
            )
            posts = []
            for position, kind in enumerate(POST_ORDER, start=1):
                row = norm.get(kind)
                post = Post(kind=kind, position=position)
                if row is not None:
                    post.norm_cost_min, post.norm_cost_max = row.cost_min, row.cost_max
                    post.norm_duration = row.duration
                    post.norm_improductivity_year1_pct = row.improductivity_year1_pct
                    post.norm_improductivity_year2_pct = row.improductivity_year2_pct
                    post.norm_uncertain = not row.certain
                if kind in TRANSITIEACTIVITEITEN:
                    post.estimate = row.cost_max if row is not None else None
                else:
                    post.estimate = income_post_norm_estimate(kind=kind, plan=plan, norm=row)
                if post.estimate is None and (veilig or rng.random() < 0.7):
                    post.estimate = _fallback_estimate(kind, plan)
                posts.append(post)
            plans.append(plan)
            posts_of.append(posts)
            extra_of.append((walk, veilig, signed))
        FinancingPlan.objects.bulk_create(plans, batch_size=500)
        for plan, (_traject, walk) in zip(plans, planned, strict=True):
            plan.created_at = walk.reached(Phase.SELECTIE) or walk.reached(Phase.MATCH)
        FinancingPlan.objects.bulk_update(plans, ["created_at"], batch_size=500)
        all_posts = []
        for plan, posts in zip(plans, posts_of, strict=True):
            for post in posts:
                post.plan = plan
                all_posts.append(post)
        Post.objects.bulk_create(all_posts, batch_size=2000)
        contributions, periods = [], []
        for plan, posts, (walk, veilig, signed) in zip(plans, posts_of, extra_of, strict=True):
            contributions += self._contributions(plan, posts, walk, veilig=veilig, signed=signed)
            if veilig or rng.random() < 0.6:
                periods += _income_periods(plan, walk)
        Contribution.objects.bulk_create(contributions, batch_size=2000)
        IncomePeriod.objects.bulk_create(periods, batch_size=2000)

    def _contributions(self, plan, posts, walk, *, veilig: bool, signed: bool) -> list:
        rng, rows = self.rng, []
        employer = self.signed.get(plan.traject_id)
        for post in posts:
            if not post.estimate:
                continue
            funders = _funders(post.kind, latende=bool(walk.latende), signed=signed)
            status = ContributionStatus.TOEGEZEGD
            share = Decimal(1)
            if not veilig:
                roll = rng.random()
                if roll < 0.25:
                    continue  # nobody asked yet
                if roll < 0.5:
                    status = rng.choice(
                        [ContributionStatus.VOORGESTELD, ContributionStatus.AANGEVRAAGD]
                    )
                elif roll < 0.65:
                    share = Decimal("0.6")
            remaining = (post.estimate * share).quantize(Decimal("0.01"))
            for index, funder in enumerate(funders):
                last = index == len(funders) - 1
                amount = remaining if last else (remaining / len(funders)).quantize(Decimal("1"))
                if amount <= 0:
                    continue
                remaining -= amount
                rows.append(
                    Contribution(
                        post=post,
                        funder_type=funder,
                        funder_organisation=employer.organisation
                        if funder == FunderType.ONTVANGENDE_WERKGEVER and employer
                        else None,
                        funder_name=_funder_name(funder, walk),
                        amount=amount,
                        status=status,
                        created_by=plan.created_by,
                    )
                )
        return rows

    # orientatie

    def orientatie(self) -> None:
        """A monthly informatiebijeenkomst of the loket and a meeloopdag or open dag of an
        employer every quarter; people signed up a few weeks before they started a traject,
        most came, and others signed up without starting (they stay anonymous)."""
        rng = self.rng
        events, sessions, sectors = [], [], []
        loket_user = self.staff["loket"]
        for month in range(DAYS // 30 + 1):
            starts = (self.now - timedelta(days=DAYS - 30 * month)).replace(hour=19)
            if starts >= self.now - timedelta(days=1):
                break
            events.append(
                Event(
                    kind=Event.Kind.INFORMATIEBIJEENKOMST,
                    title=f"Informatieavond overstappen naar zorg, onderwijs of techniek "
                    f"({starts:%m-%Y})",
                    description="Overstappers vertellen over hun overstap; het loket over "
                    "opleiding en financiering.",
                    organisation=self.loket_org,
                    region=self.region,
                    place="Werkgeversservicepunt, Amsterdam",
                    capacity=60,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    published_at=starts - timedelta(days=30),
                    created_by=loket_user,
                    created_at=starts - timedelta(days=31),
                )
            )
            if month % 3 == 1:
                org = self.employer_list[(month // 3) % len(self.employer_list)]
                day = (starts + timedelta(days=10)).replace(hour=9)
                kind = Event.Kind.MEELOOPDAG if month % 2 else Event.Kind.OPEN_DAG
                events.append(
                    Event(
                        kind=kind,
                        title=f"{kind.label} bij {org} ({day:%m-%Y})",
                        organisation=org,
                        region=self.region,
                        place="Amsterdam",
                        capacity=15,
                        starts_at=day,
                        ends_at=day + timedelta(hours=7),
                        published_at=day - timedelta(days=30),
                        created_at=day - timedelta(days=31),
                    )
                )
        events = Event.objects.bulk_create(events, batch_size=500)
        for event in events:
            sessions.append(Session(event=event, starts_at=event.starts_at, ends_at=event.ends_at))
            if event.kind == Event.Kind.INFORMATIEBIJEENKOMST:
                sectors += [
                    EventSector(event=event, sector=s)
                    for s in (Sector.ZORG, Sector.ONDERWIJS, Sector.TECHNIEK)
                ]
            else:
                sectors.append(EventSector(event=event, sector=event.organisation.sector))
        Session.objects.bulk_create(sessions, batch_size=500)
        EventSector.objects.bulk_create(sectors, batch_size=500)
        registrations, taken = [], {}
        info = [e for e in events if e.kind == Event.Kind.INFORMATIEBIJEENKOMST]
        visits = [e for e in events if e.kind != Event.Kind.INFORMATIEBIJEENKOMST]
        sector_of = {o.pk: o.sector for o in self.employer_list}
        for traject, walk in zip(self.traject_list, self.walks, strict=True):
            user = traject.overstapper
            chosen = []
            # Half came to an informatieavond in the months before they signed up ...
            if rng.random() < 0.5:
                chosen += [
                    e for e in info if walk.signup - timedelta(days=75) <= e.starts_at < walk.signup
                ][-1:]
            # ... and some went to a meeloopdag or open dag in their sector while orienting.
            orienting, profiel = walk.reached(Phase.ORIENTATIE), walk.reached(Phase.PROFIEL)
            if orienting and rng.random() < 0.35:
                chosen += [
                    e
                    for e in visits
                    if sector_of[e.organisation_id] == walk.sector
                    and orienting <= e.starts_at < (profiel or self.now)
                ][:1]
            for event in chosen:
                if taken.get(event.pk, 0) >= event.capacity:
                    continue
                taken[event.pk] = taken.get(event.pk, 0) + 1
                signed_up = event.starts_at - timedelta(days=rng.uniform(2, 25))
                if event.kind != Event.Kind.INFORMATIEBIJEENKOMST:  # signed up while orienting
                    signed_up = max(signed_up, orienting)
                registrations.append(
                    Registration(
                        event=event,
                        name=user.full_name,
                        email=user.email,
                        status=Registration.Status.CONFIRMED,
                        link_consent=True,
                        user=user,
                        attended=rng.random() < 0.85,
                        created_at=signed_up,
                    )
                )
        anonymous = 0
        for event in events:
            # People who came and did not start a traject (yet): no account, no link.
            for _n in range(rng.randint(8, 20) if event.capacity > 20 else rng.randint(1, 5)):
                if taken.get(event.pk, 0) >= event.capacity:
                    break
                taken[event.pk] = taken.get(event.pk, 0) + 1
                anonymous += 1
                registrations.append(
                    Registration(
                        event=event,
                        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        email=email("aanmelding", anonymous),
                        status=Registration.Status.CONFIRMED,
                        attended=rng.random() < 0.6,
                        created_at=event.starts_at - timedelta(days=rng.uniform(1, 25)),
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=2000)


def _fallback_estimate(kind: str, plan: FinancingPlan) -> Decimal:
    """Where a sector has no norm for a post (the ICT row is uncertain): the coach's own
    estimate from the wages in the plan."""
    wage = plan.income_before or Decimal("3500")
    months = {
        PostKind.ORIENTATIEPROGRAMMA: Decimal("0.8"),
        PostKind.PERSOONLIJKE_BEGELEIDING: Decimal("0.5"),
        PostKind.VAKOPLEIDING: Decimal("2.5"),
        PostKind.ONBOARDING: Decimal("1"),
        PostKind.ORIENTATIETIJD: Decimal("0.9"),
        PostKind.OVERSTAPTIJD: Decimal(plan.overstap_months),
        PostKind.LEERTIJD: Decimal(plan.leertijd_months) * Decimal("0.2"),
        PostKind.IMPRODUCTIVITEIT: Decimal("3"),
    }[kind]
    return (wage * months).quantize(Decimal("1"))


def _funders(kind: str, *, latende: bool, signed: bool) -> list[str]:
    f = FunderType
    if kind in (PostKind.ORIENTATIEPROGRAMMA, PostKind.PERSOONLIJKE_BEGELEIDING):
        return [f.LATENDE_WERKGEVER] if latende else [f.UWV]
    if kind == PostKind.VAKOPLEIDING:
        return [f.FONDS, f.ONTVANGENDE_WERKGEVER] if signed else [f.FONDS, f.MINISTERIE]
    if kind in (PostKind.ONBOARDING, PostKind.IMPRODUCTIVITEIT):
        return [f.ONTVANGENDE_WERKGEVER] if signed else [f.GEMEENTE]
    if kind in (PostKind.ORIENTATIETIJD, PostKind.OVERSTAPTIJD):
        return [f.LATENDE_WERKGEVER] if latende else [f.RMT]
    return [f.ONTVANGENDE_WERKGEVER, f.FONDS] if signed else [f.FONDS]  # leertijd


def _funder_name(funder: str, walk: Walk) -> str:
    return {
        FunderType.LATENDE_WERKGEVER: walk.latende or "",
        FunderType.UWV: "UWV Amsterdam",
        FunderType.GEMEENTE: "Gemeente Amsterdam",
        FunderType.RMT: "RMT Groot Amsterdam",
        FunderType.MINISTERIE: "Ministerie van OCW",
        FunderType.FONDS: {
            Sector.ZORG: "Stagefonds zorg",
            Sector.ONDERWIJS: "Subsidie zij-instroom (DUO)",
            Sector.TECHNIEK: "O&O-fonds techniek",
        }.get(walk.sector, "Sectorfonds"),
    }.get(funder, "")


def _income_periods(plan: FinancingPlan, walk: Walk) -> list[IncomePeriod]:
    """Paid by the current employer until the new job starts, then the new (leerwerk)salary."""
    before = plan.orientatie_months + plan.overstap_months
    payer = walk.latende or "Huidige werkgever"
    return [
        IncomePeriod(
            plan=plan,
            kind=IncomeKind.SALARIS_LATENDE,
            payer=payer,
            first_month=1,
            last_month=before,
            amount=plan.income_before,
        ),
        IncomePeriod(
            plan=plan,
            kind=IncomeKind.SALARIS_NIEUW,
            payer="Nieuwe werkgever",
            first_month=before + 1,
            last_month=plan.total_months,
            amount=plan.new_wage,
        ),
    ]
