"""API of the leaving employer's side; every write goes through latende.services, the
employer reads campaigns only as aggregates."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from loopbrug.api import ERROR_RESPONSES, ErrorSerializer
from loopbrug.pagination import PaginatedListMixin
from taxonomy.models import Skill

from . import selectors, services
from .access import campaign_get_for_user, require_leaving_employer, verdwijnbaan_get_for_user
from .models import (
    MAX_ORIENTATIE_DAYS,
    MAX_PLEDGE_AMOUNT,
    CampaignPledge,
    ConsentLevel,
    Reason,
    TransitievergoedingPolicy,
    Verdwijnbaan,
)

ERRORS = ERROR_RESPONSES
_NOT_YOURS = "Deze verdwijnbaan bestaat niet of is niet van jouw organisatie."


class SkillRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class VerdwijnbaanSerializer(serializers.ModelSerializer):
    reason_label = serializers.CharField(source="get_reason_display", read_only=True)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = Verdwijnbaan
        fields = [
            "id",
            "function_title",
            "department",
            "headcount",
            "expected_date",
            "reason",
            "reason_label",
            "skills",
        ]
        read_only_fields = fields

    @extend_schema_field(SkillRefSerializer(many=True))
    def get_skills(self, obj) -> list[dict]:
        return SkillRefSerializer(
            [{"id": s.pk, "label": s.label_nl} for s in obj.skills.all()], many=True
        ).data


class VerdwijnbaanInputSerializer(serializers.Serializer):
    function_title = serializers.CharField(max_length=200)
    department = serializers.CharField(max_length=200, allow_blank=True, required=False)
    headcount = serializers.IntegerField(min_value=1, max_value=100000)
    expected_date = serializers.DateField()
    reason = serializers.ChoiceField(
        choices=Reason.choices,
        error_messages={"invalid_choice": "Kies automatisering, reorganisatie of sluiting."},
    )
    skills = serializers.PrimaryKeyRelatedField(
        queryset=Skill.objects.all(), many=True, required=False
    )


class CampaignInputSerializer(serializers.Serializer):
    verdwijnbaan = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    name = serializers.CharField(max_length=200)
    code_valid_days = serializers.IntegerField(min_value=1, max_value=366, required=False)


class AggregatesSerializer(serializers.Serializer):
    codes_issued = serializers.CharField(help_text="Aantal gemaakte codes.")
    codes_used = serializers.CharField(help_text='Aantal gebruikte codes; 1 tot 4 is "<5".')
    orienting = serializers.CharField(help_text='Oriënteren zich; 1 tot 4 is "<5".')
    in_traject = serializers.CharField(help_text='In een traject; 1 tot 4 is "<5".')
    switched = serializers.CharField(help_text='Overgestapt; 1 tot 4 is "<5".')


class KnownParticipantSerializer(serializers.Serializer):
    name = serializers.CharField()
    phase = serializers.CharField(
        allow_blank=True, help_text="Leeg zonder toestemming voor de fase."
    )
    traject_id = serializers.IntegerField(
        allow_null=True, help_text="Alleen met toestemming voor het financieringsplan."
    )


class CampaignSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    verdwijnbaan = serializers.IntegerField()
    code_valid_days = serializers.IntegerField()
    aggregates = AggregatesSerializer()
    known_participants = KnownParticipantSerializer(many=True)


class CodesInputSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=services.MAX_CODES_PER_REQUEST)


class CodesSerializer(serializers.Serializer):
    codes = serializers.ListField(child=serializers.CharField())
    valid_days = serializers.IntegerField()


class RedeemInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=100)


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class ConsentSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    organisation_name = serializers.CharField()
    level = serializers.ChoiceField(choices=ConsentLevel.choices)
    level_label = serializers.CharField()


class ConsentChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    organisation_name = serializers.CharField(allow_blank=True)
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)


class ConsentsSerializer(serializers.Serializer):
    employers = ConsentSerializer(many=True)
    history = ConsentChangeSerializer(many=True)


class ConsentInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    level = serializers.ChoiceField(
        choices=ConsentLevel.choices,
        error_messages={"invalid_choice": "Kies geen, deelname, fase of plan."},
    )


def _campaign_data(campaign) -> dict:
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "verdwijnbaan": campaign.verdwijnbaan_id,
        "code_valid_days": campaign.code_valid_days,
        "aggregates": selectors.campaign_aggregates(campaign=campaign),
        "known_participants": selectors.known_participants(campaign=campaign),
    }


class VerdwijnbaanListApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="De verdwijnbanen van mijn organisatie",
        responses={200: VerdwijnbaanSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        require_leaving_employer(request.user)
        return self.paginated_response(
            selectors.verdwijnbanen_for(user=request.user), VerdwijnbaanSerializer
        )

    @extend_schema(
        summary="Een verdwijnbaan registreren",
        request=VerdwijnbaanInputSerializer,
        responses={201: VerdwijnbaanSerializer, **ERRORS},
    )
    def post(self, request):
        require_leaving_employer(request.user)
        serializer = VerdwijnbaanInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        baan = services.verdwijnbaan_create(by=request.user, **serializer.validated_data)
        return Response(VerdwijnbaanSerializer(baan).data, status=status.HTTP_201_CREATED)


class VerdwijnbaanDetailApi(APIView):
    @extend_schema(summary="Eén verdwijnbaan", responses={200: VerdwijnbaanSerializer, **ERRORS})
    def get(self, request, pk: int):
        return Response(
            VerdwijnbaanSerializer(verdwijnbaan_get_for_user(user=request.user, pk=pk)).data
        )

    @extend_schema(
        summary="Een verdwijnbaan bijwerken (velden die je weglaat blijven)",
        request=VerdwijnbaanInputSerializer(partial=True),
        responses={200: VerdwijnbaanSerializer, **ERRORS},
    )
    def patch(self, request, pk: int):
        baan = verdwijnbaan_get_for_user(user=request.user, pk=pk)
        serializer = VerdwijnbaanInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        baan = services.verdwijnbaan_update(
            by=request.user, verdwijnbaan=baan, **serializer.validated_data
        )
        return Response(VerdwijnbaanSerializer(baan).data)


class CampaignCreateApi(APIView):
    @extend_schema(
        summary="Een uitnodigingscampagne voor een verdwijnbaan",
        request=CampaignInputSerializer,
        responses={201: CampaignSerializer, **ERRORS},
    )
    def post(self, request):
        require_leaving_employer(request.user)
        serializer = CampaignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        baan = selectors.verdwijnbaan_for(user=request.user, pk=data.pop("verdwijnbaan"))
        if baan is None:
            raise serializers.ValidationError(
                {
                    "verdwijnbaan": [
                        "Deze verdwijnbaan bestaat niet of is niet van jouw organisatie."
                    ]
                }
            )
        campaign = services.campaign_create(by=request.user, verdwijnbaan=baan, **data)
        return Response(_campaign_data(campaign), status=status.HTTP_201_CREATED)


class CampaignDetailApi(APIView):
    @extend_schema(
        summary="Een campagne: alleen totalen (onder de 5 verborgen) en wie het zelf laat weten",
        responses={200: CampaignSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        campaign = campaign_get_for_user(user=request.user, pk=pk)
        return Response(CampaignSerializer(_campaign_data(campaign)).data)


class CampaignCodesApi(APIView):
    @extend_schema(
        summary="Nieuwe uitnodigingscodes (eenmalig getoond, alleen als hash bewaard)",
        request=CodesInputSerializer,
        responses={201: CodesSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        campaign = campaign_get_for_user(user=request.user, pk=pk)
        serializer = CodesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        codes = services.codes_generate(
            by=request.user, campaign=campaign, count=serializer.validated_data["count"]
        )
        return Response(
            {"codes": codes, "valid_days": campaign.code_valid_days},
            status=status.HTTP_201_CREATED,
        )


class RedeemApi(APIView):
    @extend_schema(
        summary="Een uitnodigingscode gebruiken (als ingelogde overstapper)",
        request=RedeemInputSerializer,
        responses={200: MessageSerializer, 429: ErrorSerializer, **ERRORS},
    )
    def post(self, request):
        if request.user.role != Role.OVERSTAPPER:
            raise PermissionDenied("Een uitnodigingscode is voor overstappers.")
        if not services.redeem_attempt_allowed(address=request.META.get("REMOTE_ADDR", "")):
            return Response(
                {
                    "message": "Te veel pogingen vanaf dit adres. Probeer het over een kwartier "
                    "opnieuw.",
                    "extra": {},
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        serializer = RedeemInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.invitation_redeem(code=serializer.validated_data["code"], user=request.user)
        return Response(
            {
                "message": "Je doet mee via de uitnodiging. Je werkgever ziet niet dat jij het "
                "bent, tenzij je dat zelf aangeeft."
            }
        )


def _consents(user) -> dict:
    labels = dict(ConsentLevel.choices)
    return {
        "employers": [
            {
                "organisation": row["organisation"].pk,
                "organisation_name": row["organisation"].name,
                "level": row["level"],
                "level_label": str(labels[row["level"]]),
            }
            for row in selectors.consents_of(user=user)
        ],
        "history": [
            {
                "at": event.at,
                "organisation_name": event.detail.get("organisation_name", ""),
                "before": event.detail.get("before", ""),
                "after": event.detail.get("after", ""),
            }
            for event in selectors.consent_history(user=user)
        ],
    }


class EmployerConsentApi(APIView):
    @extend_schema(
        summary="Wat mijn huidige werkgever van mij mag weten, en eerdere keuzes",
        responses={200: ConsentsSerializer, **ERRORS},
    )
    def get(self, request):
        if request.user.role != Role.OVERSTAPPER:
            raise PermissionDenied("Alleen voor overstappers.")
        return Response(ConsentsSerializer(_consents(request.user)).data)

    @extend_schema(
        summary="Mijn keuze voor één werkgever wijzigen (geldt meteen)",
        request=ConsentInputSerializer,
        responses={200: ConsentsSerializer, **ERRORS},
    )
    def put(self, request):
        if request.user.role != Role.OVERSTAPPER:
            raise PermissionDenied("Alleen voor overstappers.")
        serializer = ConsentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        org = next(
            (
                o
                for o in selectors.employers_of(user=request.user)
                if o.pk == serializer.validated_data["organisation"]
            ),
            None,
        )
        if org is None:
            raise serializers.ValidationError(
                {"organisation": ["Dit is niet de werkgever die jou uitnodigde."]}
            )
        services.consent_set(
            user=request.user, organisation=org, level=serializer.validated_data["level"]
        )
        return Response(ConsentsSerializer(_consents(request.user)).data)


# --- Pledges, the business case and destinations -------------------------------------------


class PledgeSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    orientatie_days = serializers.IntegerField()
    scholingsbudget = serializers.DecimalField(max_digits=9, decimal_places=2)
    coaching_budget = serializers.DecimalField(max_digits=9, decimal_places=2)
    transitievergoeding_policy = serializers.ChoiceField(choices=TransitievergoedingPolicy.choices)
    process_costs = serializers.DecimalField(max_digits=9, decimal_places=2)
    version = serializers.IntegerField()


class PledgeInputSerializer(serializers.Serializer):
    orientatie_days = serializers.IntegerField(min_value=0, max_value=MAX_ORIENTATIE_DAYS)
    scholingsbudget = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0"), max_value=MAX_PLEDGE_AMOUNT
    )
    coaching_budget = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0"), max_value=MAX_PLEDGE_AMOUNT
    )
    transitievergoeding_policy = serializers.ChoiceField(
        choices=TransitievergoedingPolicy.choices,
        error_messages={"invalid_choice": "Kies geen, scholing of uitbetalen."},
    )
    process_costs = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0"), max_value=MAX_PLEDGE_AMOUNT
    )
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="De versie die je las; leeg of 0 bij een nieuwe."
    )


def _pledge_data(pledge) -> dict:
    return {
        "campaign": pledge.campaign_id,
        "orientatie_days": pledge.orientatie_days,
        "scholingsbudget": pledge.scholingsbudget,
        "coaching_budget": pledge.coaching_budget,
        "transitievergoeding_policy": pledge.transitievergoeding_policy,
        "process_costs": pledge.process_costs,
        "version": pledge.version,
    }


class CampaignPledgeApi(APIView):
    @extend_schema(
        summary="De toezegging van een campagne (wat de werkgever per persoon meebetaalt; "
        "versie 0 en nullen: nog niets toegezegd)",
        responses={200: PledgeSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        campaign = campaign_get_for_user(user=request.user, pk=pk)
        pledge = selectors.pledge_of(campaign=campaign) or CampaignPledge(campaign=campaign)
        if pledge.pk is None:
            pledge.version = 0  # nothing pledged yet: all zero
        return Response(PledgeSerializer(_pledge_data(pledge)).data)

    @extend_schema(
        summary="De toezegging vastleggen; ze komt als voorstel in de plannen van wie het "
        "financieringsplan deelt (past ze niet in een post, dan verandert er niets)",
        request=PledgeInputSerializer,
        responses={200: PledgeSerializer, **ERRORS},
    )
    def put(self, request, pk: int):
        campaign = campaign_get_for_user(user=request.user, pk=pk)
        serializer = PledgeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        pledge = services.pledge_save(by=request.user, campaign=campaign, version=version, **data)
        return Response(PledgeSerializer(_pledge_data(pledge)).data)


class CaseLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    how = serializers.CharField(help_text="Hoe het bedrag is berekend.")


class EmployerCaseSerializer(serializers.Serializer):
    switch = CaseLineSerializer(many=True, help_text="De overstaproute (de toezegging).")
    switch_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    redundancy = CaseLineSerializer(many=True, help_text="Gedwongen ontslag.")
    redundancy_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    saving = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="Ontslag min overstaproute."
    )


class PublicReturnSerializer(serializers.Serializer):
    trajecten = serializers.CharField(help_text='Trajecten met een plan; 1 tot 4 is "<5".')
    shown = serializers.BooleanField(help_text="Alleen bij 5 of meer trajecten.")
    ww_without_months = serializers.IntegerField(allow_null=True)
    ww_without_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    ww_paid_months = serializers.IntegerField(allow_null=True)
    ww_paid_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    months_avoided = serializers.IntegerField(allow_null=True)
    amount_avoided = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    public_contributions = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )
    net_return = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class AssumptionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField()


class BusinessCaseSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    headcount = serializers.IntegerField(help_text="Mensen in de verdwijnbaan.")
    transitievergoeding_policy = serializers.CharField()
    per_person = EmployerCaseSerializer()
    campaign_total = EmployerCaseSerializer()
    public = PublicReturnSerializer()
    assumptions = AssumptionSerializer(many=True)


def _case_data(case) -> dict:
    def lines(items):
        return [{"label": ln.label, "amount": ln.amount, "how": ln.how} for ln in items]

    return {
        "switch": lines(case.switch),
        "switch_total": case.switch_total,
        "redundancy": lines(case.redundancy),
        "redundancy_total": case.redundancy_total,
        "saving": case.saving,
    }


def _public_data(side) -> dict:
    figures = side.figures
    names = [
        "ww_without_months",
        "ww_without_amount",
        "ww_paid_months",
        "ww_paid_amount",
        "months_avoided",
        "amount_avoided",
        "public_contributions",
        "net_return",
    ]
    data = {name: getattr(figures, name) if figures else None for name in names}
    return {"trajecten": side.trajecten, "shown": figures is not None, **data}


class BusinessCaseApi(APIView):
    @extend_schema(
        summary="De businesscase van een campagne: overstaproute naast gedwongen ontslag, en "
        "wat de overstappen de overheid opleveren (alleen totalen van 5 of meer)",
        responses={200: BusinessCaseSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        campaign = campaign_get_for_user(user=request.user, pk=pk)
        case = selectors.campaign_business_case(campaign=campaign)
        return Response(
            BusinessCaseSerializer(
                {
                    "campaign": campaign.pk,
                    "headcount": case.headcount,
                    "transitievergoeding_policy": case.pledge.transitievergoeding_policy
                    if case.pledge
                    else TransitievergoedingPolicy.GEEN,
                    "per_person": _case_data(case.per_person),
                    "campaign_total": _case_data(case.campaign),
                    "public": _public_data(case.public),
                    "assumptions": selectors.assumption_rows(case.assumptions),
                }
            ).data
        )


class DestinationBeroepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    score = serializers.IntegerField()
    spanning = serializers.CharField()
    matched = serializers.ListField(child=serializers.CharField())


class DestinationVacatureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    score = serializers.IntegerField()
    matched = serializers.ListField(child=serializers.CharField())


class DestinationsSerializer(serializers.Serializer):
    method = serializers.CharField()
    beroepen = DestinationBeroepSerializer(many=True)
    vacatures = DestinationVacatureSerializer(many=True)


class VerdwijnbaanDestinationsApi(APIView):
    @extend_schema(
        summary="Waar de vaardigheden van een verdwijnbaan gevraagd worden: tekortberoepen en "
        "open vacatures met de meeste overlap (de matchingmotor)",
        responses={200: DestinationsSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        baan = verdwijnbaan_get_for_user(user=request.user, pk=pk)
        return Response(DestinationsSerializer(selectors.destinations(baan=baan)).data)
