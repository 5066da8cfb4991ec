"""Who may see and do what with a traject's financieringsplan: the predicate (plan_access) and
the fetch-with-permission selector that the HTML views and the API both use. A read of
someone else's plan is audited here."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, User
from journeys.access import is_coach_of
from journeys.models import Traject
from loopbrug.services import audit_log

from .models import FinancingPlan, FunderType
from .selectors import (
    ContractInfo,
    contract_for_traject,
    latende_werkgever_may_see,
    plan_for_traject,
)


@dataclass(frozen=True)
class PlanAccess:
    role: str
    edit_plan: bool = False
    organisation: Organisation | None = None
    funder_types: frozenset = frozenset()
    sees_income: bool = False

    @property
    def is_werkgever(self) -> bool:
        """Sees the plan as a funding werkgever (latende or ontvangende), not as its coach."""
        return self.role == Role.WERKGEVER

    @property
    def is_participant(self) -> bool:
        return self.role == Role.OVERSTAPPER

    @property
    def can_add_contribution(self) -> bool:
        return self.edit_plan or bool(self.funder_types)

    def may_edit_contribution(self, contribution) -> bool:
        if self.edit_plan:
            return True
        return (
            self.organisation is not None
            and contribution.funder_organisation_id == self.organisation.pk
            and contribution.funder_type in self.funder_types
        )


def sees_plans_as_funder(user: User) -> bool:
    """A werkgever sees the plans it (may) pay into, as latende or ontvangende werkgever."""
    return user.is_authenticated and user.role == Role.WERKGEVER


def plan_access(
    *, user: User, traject: Traject, plan: FinancingPlan | None, contract: ContractInfo
) -> PlanAccess | None:
    """What this user may do with this traject's plan; None: nothing at all."""
    if not user.is_authenticated:
        return None
    if is_coach_of(user, traject):
        return PlanAccess(role=user.role, edit_plan=True, sees_income=True)
    if user.role == Role.OVERSTAPPER and traject.overstapper_id == user.pk:
        return PlanAccess(role=user.role, sees_income=True)
    # The loket sees financing only as the region's aggregates (reports), never one plan.
    if user.role == Role.WERKGEVER and user.organisation_id:
        types = set()
        if traject.latende_werkgever_id == user.organisation_id and latende_werkgever_may_see(
            traject, plan
        ):
            types.add(FunderType.LATENDE_WERKGEVER)
        if any(o.pk == user.organisation_id for o in contract.organisations):
            types.add(FunderType.ONTVANGENDE_WERKGEVER)
        if types:
            return PlanAccess(
                role=user.role, organisation=user.organisation, funder_types=frozenset(types)
            )
    return None


@dataclass
class PlanContext:
    traject: Traject
    plan: FinancingPlan | None
    access: PlanAccess
    contract: ContractInfo

    def __iter__(self):
        # The API unpacks it: traject, plan, access, contract = plan_get_for_user(...)
        return iter((self.traject, self.plan, self.access, self.contract))


def plan_get_for_user(*, user: User, pk: int, action: str | None = "financing.view") -> PlanContext:
    """The traject (pk) and its plan, if this user may see them; Http404 otherwise, with no hint
    that the traject exists. A read of an existing plan by someone else than the overstapper
    is audited; a write passes action=None (its service audits the write)."""
    traject = (
        Traject.objects.with_people().select_related("latende_werkgever").filter(pk=pk).first()
    )
    if traject is not None:
        plan = plan_for_traject(traject)
        contract = contract_for_traject(traject)
        access = plan_access(user=user, traject=traject, plan=plan, contract=contract)
        if access is not None:
            if action and plan is not None and traject.overstapper_id != user.pk:
                audit_log(actor=user, action=action, obj=plan)
            return PlanContext(traject=traject, plan=plan, access=access, contract=contract)
    raise Http404(_("Dit financieringsplan bestaat niet of je hebt er geen toegang toe."))
