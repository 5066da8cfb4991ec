"""Contract certainty: a (voorwaardelijk) contract with a new employer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ContractInfo:
    """The person's applications with a contract: signed, or offered and not signed yet."""

    signed: list = field(default_factory=list)  # Applications with a signed contract
    offered: list = field(default_factory=list)  # offered, not signed yet

    @property
    def organisations(self) -> list:
        seen, result = set(), []
        for application in [*self.signed, *self.offered]:
            org = application.vacature.organisation
            if org.pk not in seen:
                seen.add(org.pk)
                result.append(org)
        return result

    @property
    def ontvangende_werkgever(self):
        return self.organisations[0] if self.organisations else None


def contract_info(applications, *, signed_status: str, offered_status: str) -> ContractInfo:
    """Sort applications (any objects with pk and status) into signed and offered."""
    info = ContractInfo()
    for application in sorted(applications, key=lambda a: a.pk):
        if application.status == signed_status:
            info.signed.append(application)
        elif application.status == offered_status:
            info.offered.append(application)
    return info
