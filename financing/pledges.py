"""The leaving employer's pledge (latende.CampaignPledge) in the plans of its people.

A pledge reaches a plan as proposed contributions (status voorgesteld, linked to the pledge)
only when the overstapper lets that employer see the posts it pays (consent level "plan");
without that consent it stays the campaign's pledge and no plan changes. Applied when the
pledge is saved (a pledge that does not fit a post of such a plan is refused with the
reason, nothing changes), when the overstapper gives that consent and when the plan is
started; withdrawing the consent removes the proposed contributions nobody confirmed yet.
Also the WW figures of the business case (latende.hooks)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from journeys.models import END_PHASES, Traject
from latende.business_case import PlanFigures
from latende.models import CampaignPledge, ConsentLevel, Participation, TransitievergoedingPolicy
from latende.selectors import consent_allows
from loopbrug.money import cents, format_euro
from loopbrug.services import audit_log
from notifications.models import Kind
from notifications.services import notify

from . import selectors
from .models import (
    OVERHEID,
    Contribution,
    ContributionStatus,
    FinancingPlan,
    FunderType,
    IncomeBefore,
    IncomeKind,
    Post,
    PostKind,
)
from .rules.contributions import post_room_error
from .rules.plan_checks import tv_used_by_periods
from .rules.transitie import plan_transitievergoeding
from .rules.ww import ww_entitlement_months, ww_monthly, ww_parameter_on

ZERO = Decimal("0")
WORKING_DAYS_PER_MONTH = Decimal("21.75")  # as the sector norms in days (financing.models)
UNCONFIRMED = (ContributionStatus.VOORGESTELD, ContributionStatus.AANGEVRAAGD)


@dataclass(frozen=True)
class Proposal:
    post_kind: str
    funder_type: str
    amount: Decimal
    note: str


def _daily_wage(plan: FinancingPlan) -> Decimal | None:
    if plan.income_before is None or plan.income_before_source != IncomeBefore.LOON:
        return None
    return plan.income_before / WORKING_DAYS_PER_MONTH


def proposals(plan: FinancingPlan, pledge: CampaignPledge) -> list[Proposal]:
    """What the pledge means in this plan, before checking the room on each post. Amounts of
    zero (nothing pledged, or the wage unknown) are left out."""
    rows = []
    daily = _daily_wage(plan)
    if pledge.orientatie_days and daily is not None:
        rows.append(
            Proposal(
                PostKind.ORIENTATIETIJD,
                FunderType.LATENDE_WERKGEVER,
                cents(daily * pledge.orientatie_days),
                _("Toezegging: %(days)s dagen oriëntatietijd met behoud van salaris")
                % {"days": pledge.orientatie_days},
            )
        )
    if pledge.scholingsbudget:
        rows.append(
            Proposal(
                PostKind.VAKOPLEIDING,
                FunderType.LATENDE_WERKGEVER,
                pledge.scholingsbudget,
                _("Toezegging: scholingsbudget"),
            )
        )
    if pledge.coaching_budget:
        rows.append(
            Proposal(
                PostKind.PERSOONLIJKE_BEGELEIDING,
                FunderType.LATENDE_WERKGEVER,
                pledge.coaching_budget,
                _("Toezegging: coaching"),
            )
        )
    return rows


def _transitievergoeding_proposal(
    plan: FinancingPlan, pledge: CampaignPledge, vakopleiding: Post, taken: Decimal
) -> Proposal | None:
    """Policy "scholing": what is left of the transitievergoeding pays the rest of the
    vakopleiding (never more than the statute gives after IOB, never more than the post)."""
    if pledge.transitievergoeding_policy != TransitievergoedingPolicy.SCHOLING:
        return None
    tv = plan_transitievergoeding(plan, selectors.transitievergoeding_parameters())
    if tv is None or vakopleiding.estimate is None:
        return None
    used = tv_used_by_periods(plan.income_periods.all()) + sum(
        (
            c.amount
            for c in Contribution.objects.filter(
                post__plan=plan, funder_type=FunderType.TRANSITIEVERGOEDING
            )
            .exclude(status=ContributionStatus.AFGEWEZEN)
            .exclude(pledge=pledge)
        ),
        ZERO,
    )
    amount = min(tv.available - used, vakopleiding.estimate - taken)
    if amount <= 0:
        return None
    return Proposal(
        PostKind.VAKOPLEIDING,
        FunderType.TRANSITIEVERGOEDING,
        cents(amount),
        _("Toezegging: transitievergoeding vooraf ingezet voor de vakopleiding"),
    )


def _apply_one(
    plan: FinancingPlan, post: Post, proposal: Proposal, pledge: CampaignPledge, by, strict: bool
) -> tuple[Contribution | None, bool]:
    """Create or update the pledge's contribution on this post; (contribution, created)."""
    existing = Contribution.objects.filter(
        post=post, pledge=pledge, funder_type=proposal.funder_type
    ).first()
    if existing is not None and existing.status not in UNCONFIRMED:
        return None, False  # confirmed or refused by the funder or coach: theirs now
    others = [
        c.amount
        for c in post.contributions.exclude(status=ContributionStatus.AFGEWEZEN)
        if existing is None or c.pk != existing.pk
    ]
    if post.estimate is None:
        return None, False  # nothing to fit into yet; applied again when consent is given
    error = post_room_error(
        post_label=post.get_kind_display().lower(),
        estimate=post.estimate,
        others=others,
        amount=proposal.amount,
    )
    if error:
        if strict:
            raise ValidationError(
                {
                    "__all__": _(
                        "De toezegging past niet in het financieringsplan van een deelnemer "
                        "die zijn plan met jullie deelt: %(reason)s Er is niets opgeslagen."
                    )
                    % {"reason": error["amount"]}
                }
            )
        return None, False
    if existing is not None:
        if existing.amount == proposal.amount and existing.note == proposal.note:
            return existing, False
        existing.amount, existing.note = proposal.amount, proposal.note
        existing.version += 1
        existing.full_clean()
        existing.save()
        return existing, False
    contribution = Contribution(
        post=post,
        funder_type=proposal.funder_type,
        funder_organisation=pledge.campaign.verdwijnbaan.organisation,
        amount=proposal.amount,
        status=ContributionStatus.VOORGESTELD,
        note=proposal.note,
        pledge=pledge,
        created_by=by,
    )
    contribution.full_clean()
    contribution.save()
    return contribution, True


@transaction.atomic
def pledge_apply_to_plan(
    *, plan: FinancingPlan, pledge: CampaignPledge, by: User | None, strict: bool
) -> list[Contribution]:
    """Put the pledge into one plan as proposed contributions; the new ones are returned and
    announced to the overstapper. strict: a pledge that does not fit raises (the employer is
    saving it); otherwise a post where it does not fit is left as it is."""
    plan = (
        FinancingPlan.objects.select_for_update(of=("self",))
        .select_related("traject__overstapper")
        .get(pk=plan.pk)
    )
    posts = {p.kind: p for p in Post.objects.filter(plan=plan).prefetch_related("contributions")}
    wanted = proposals(plan, pledge)
    created, kept = [], set()
    for proposal in wanted:
        contribution, new = _apply_one(
            plan, posts[proposal.post_kind], proposal, pledge, by, strict
        )
        if contribution is not None:
            kept.add(contribution.pk)
        if new:
            created.append(contribution)
    vakopleiding = Post.objects.prefetch_related("contributions").get(
        plan=plan, kind=PostKind.VAKOPLEIDING
    )
    taken = sum(
        (
            c.amount
            for c in vakopleiding.contributions.exclude(status=ContributionStatus.AFGEWEZEN)
            if not (c.pledge_id == pledge.pk and c.funder_type == FunderType.TRANSITIEVERGOEDING)
        ),
        ZERO,
    )
    tv = _transitievergoeding_proposal(plan, pledge, vakopleiding, taken)
    if tv is not None:
        contribution, new = _apply_one(plan, vakopleiding, tv, pledge, by, strict)
        if contribution is not None:
            kept.add(contribution.pk)
        if new:
            created.append(contribution)
    # What the pledge no longer holds (a budget set to 0) goes, unless someone confirmed it.
    Contribution.objects.filter(post__plan=plan, pledge=pledge, status__in=UNCONFIRMED).exclude(
        pk__in=kept
    ).delete()
    audit_log(
        actor=by,
        action="financing.pledge_apply",
        obj=plan,
        pledge=pledge.pk,
        contributions=sorted(kept),
    )
    if created:
        _announce(plan, created)
    return created


def _announce(plan: FinancingPlan, created: list[Contribution]) -> None:
    traject = plan.traject
    lines = "\n".join(
        f"- {c.post.get_kind_display()}: {format_euro(c.amount)}"
        for c in sorted(created, key=lambda c: c.post.position)
    )
    notify(
        recipients=[traject.overstapper],
        kind=Kind.BIJDRAGE_VOORGESTELD,
        title=_("Je werkgever stelt een bijdrage voor in je financieringsplan"),
        body=_(
            "Je werkgever heeft toegezegd mee te betalen aan je overstap. In je "
            "financieringsplan staat nu als voorstel:\n%(lines)s"
        )
        % {"lines": lines},
        link=f"/trajecten/{traject.pk}/financiering/",
    )


def _consenting_trajecten(*, organisation_id: int, campaign_id: int | None = None):
    trajecten = (
        Traject.objects.filter(
            latende_werkgever_id=organisation_id,
            overstapper__employer_consents__organisation_id=organisation_id,
            overstapper__employer_consents__level=ConsentLevel.PLAN,
            financing_plan__isnull=False,
        )
        .exclude(phase__in=END_PHASES)
        .select_related("financing_plan")
    )
    if campaign_id is not None:
        trajecten = trajecten.filter(overstapper__latende_participation__campaign_id=campaign_id)
    return trajecten


def pledge_apply(*, pledge: CampaignPledge, by: User) -> int:
    """The pledge was saved: into every consenting participant's plan, all or nothing."""
    org = pledge.campaign.verdwijnbaan.organisation_id
    count = 0
    for traject in _consenting_trajecten(organisation_id=org, campaign_id=pledge.campaign_id):
        count += len(
            pledge_apply_to_plan(plan=traject.financing_plan, pledge=pledge, by=by, strict=True)
        )
    return count


def _pledge_of(user: User, organisation_id: int) -> CampaignPledge | None:
    participation = (
        Participation.objects.filter(
            user=user, campaign__verdwijnbaan__organisation_id=organisation_id
        )
        .select_related("campaign")
        .first()
    )
    if participation is None:
        return None
    return (
        CampaignPledge.objects.filter(campaign_id=participation.campaign_id)
        .select_related("campaign__verdwijnbaan")
        .first()
    )


def pledge_apply_for_traject(*, traject: Traject, by: User | None) -> list[Contribution]:
    """Consent given or a plan started: the employer's pledge into this traject's plan, as
    far as it fits (the overstapper's consent never fails because of it)."""
    org = traject.latende_werkgever_id
    if org is None or traject.overstapper_id is None:
        return []
    if not consent_allows(
        user_id=traject.overstapper_id, organisation_id=org, level=ConsentLevel.PLAN
    ):
        return []
    plan = FinancingPlan.objects.filter(traject=traject).first()
    pledge = _pledge_of(traject.overstapper, org)
    if plan is None or pledge is None:
        return []
    return pledge_apply_to_plan(plan=plan, pledge=pledge, by=by, strict=False)


def consent_given(*, user: User, organisation: Organisation) -> None:
    for traject in Traject.objects.filter(overstapper=user, latende_werkgever=organisation).exclude(
        phase__in=END_PHASES
    ):
        pledge_apply_for_traject(traject=traject, by=user)


@transaction.atomic
def consent_withdrawn(*, user: User, organisation: Organisation) -> int:
    """Take the employer's proposed contributions out of the person's plans; what a funder or
    the coach confirmed stays (it is an agreement now, no longer a proposal)."""
    rows = Contribution.objects.filter(
        pledge__campaign__verdwijnbaan__organisation=organisation,
        post__plan__traject__overstapper=user,
        status__in=UNCONFIRMED,
    )
    removed = list(rows.values_list("pk", flat=True))
    if removed:
        Contribution.objects.filter(pk__in=removed).delete()
        audit_log(
            actor=user,
            action="financing.pledge_withdraw",
            obj=user,
            organisation=organisation.pk,
            contributions=removed,
        )
    return len(removed)


# --- The business case: each plan's WW figures -----------------------------------------------


def _ww_without(plan: FinancingPlan, params, expected_months: int) -> tuple[int, Decimal]:
    """The WW the person would have had after forced redundancy: the expected duration, at
    most what is left of the entitlement, on the wage before the switch."""
    if plan.income_before is None or plan.income_before_source != IncomeBefore.LOON:
        return 0, ZERO
    param = ww_parameter_on(params.ww, plan.start_month)
    if param is None:
        return 0, ZERO
    before = plan.ww_months_before or 0
    months = expected_months
    if plan.arbeidsverleden_years is not None:
        entitlement = ww_entitlement_months(years=plan.arbeidsverleden_years, param=param)
        months = min(months, max(0, entitlement - before))
    amount = sum(
        (
            ww_monthly(
                wage=plan.income_before,
                max_monthly_wage=param.max_monthly_wage,
                ww_month=before + i,
                first_months=param.first_months,
                pct_first_months=param.pct_first_months,
                pct_after=param.pct_after,
            )
            for i in range(1, months + 1)
        ),
        ZERO,
    )
    return months, amount


def plan_figures(
    *, user_ids: list[int], organisation_id: int, expected_ww_months: int
) -> dict[int, PlanFigures]:
    """Per overstapper with a plan on a traject of this employer: the WW the switch avoids
    (from the plan's own income timeline) and the public money in the plan."""
    trajecten = list(
        Traject.objects.filter(
            overstapper_id__in=user_ids,
            latende_werkgever_id=organisation_id,
            financing_plan__isnull=False,
        ).order_by("overstapper_id", "-attempt", "-pk")
    )
    latest: dict[int, Traject] = {}
    for traject in trajecten:
        latest.setdefault(traject.overstapper_id, traject)
    bundles = selectors.plan_bundles(trajecten=list(latest.values()), for_figures=True)
    figures = {}
    for user_id, traject in latest.items():
        bundle = bundles.get(traject.pk)
        if bundle is None:
            continue
        without_months, without_amount = _ww_without(bundle.plan, bundle.params, expected_ww_months)
        paid = [
            line.amount
            for month in bundle.timeline.months
            for line in month.lines
            if line.kind == IncomeKind.WW and line.amount > 0
        ]
        public = sum(
            (
                c.amount
                for view in bundle.views
                for c in view.contributions
                if c.funder_type in OVERHEID and c.status != ContributionStatus.AFGEWEZEN
            ),
            ZERO,
        )
        figures[user_id] = PlanFigures(
            ww_without_months=without_months,
            ww_without_amount=without_amount,
            ww_paid_months=len(paid),
            ww_paid_amount=sum(paid, ZERO),
            public_contributions=public,
        )
    return figures
