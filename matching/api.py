"""API for matching: vacatures, matches and options, candidates, the pipeline, rescore runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Region, Role
from loopbrug.api import ERROR_RESPONSES, ErrorSerializer
from loopbrug.pagination import PaginatedListMixin
from profiles.selectors import profile_for_owner
from taxonomy.models import Drijfveer, Skill, Talent

from . import selectors, services
from .access import application_get_for_contract, vacature_get_for_user
from .models import Application, Contract, Match, MatchRun, Vacature
from .options import MIN_SECTORS, OPTIONS

ERRORS = ERROR_RESPONSES


class VacatureSkillSerializer(serializers.Serializer):
    skill = serializers.PrimaryKeyRelatedField(
        queryset=Skill.objects.all(),
        error_messages={"does_not_exist": "Onbekende skill: {pk_value}."},
    )
    min_level = serializers.IntegerField(min_value=1, max_value=5, default=3)
    essential = serializers.BooleanField(default=True)


class VacatureOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    region = serializers.CharField(source="region.name")
    skills = serializers.SerializerMethodField()

    class Meta:
        model = Vacature
        fields = [
            "id",
            "title",
            "description",
            "organisation",
            "sector",
            "region",
            "landelijk",
            "hours_per_week",
            "salary_min",
            "salary_max",
            "niveau",
            "is_leerwerkplek",
            "start_date",
            "status",
            "published_at",
            "skills",
        ]

    def get_skills(self, vacature) -> list[dict]:
        return [
            {
                "skill": vs.skill_id,
                "label": vs.skill.label_nl,
                "min_level": vs.min_level,
                "essential": vs.essential,
            }
            for vs in vacature.vacature_skills.all()
        ]


class VacatureInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, allow_blank=True, default="")
    sector = serializers.ChoiceField(choices=Vacature._meta.get_field("sector").choices)
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    landelijk = serializers.BooleanField(default=False)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=60)
    salary_min = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    salary_max = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    niveau = serializers.ChoiceField(
        choices=Vacature._meta.get_field("niveau").choices, allow_blank=True, default=""
    )
    start_date = serializers.DateField(allow_null=True, default=None)
    skills = VacatureSkillSerializer(many=True, required=False)
    talents = serializers.SlugRelatedField(
        slug_field="code", queryset=Talent.objects.all(), many=True, required=False
    )
    drijfveren = serializers.SlugRelatedField(
        slug_field="code", queryset=Drijfveer.objects.all(), many=True, required=False
    )

    def validate(self, data):
        if (
            data.get("salary_min") is not None
            and data.get("salary_max") is not None
            and data["salary_min"] > data["salary_max"]
        ):
            raise serializers.ValidationError(
                {"salary_min": "Het minimumsalaris is hoger dan het maximum."}
            )
        return data


def _vacature_kwargs(data: dict) -> dict:
    data = dict(data)
    skills = data.pop("skills", None)
    if skills is not None:
        data["skills"] = [(s["skill"], s["min_level"], s["essential"]) for s in skills]
    return data


class VacatureQuerySerializer(serializers.Serializer):
    mine = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Werkgever: de vacatures van de eigen organisatie, ook concepten en gesloten.",
    )


class VacatureListApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Open vacatures (werkgever: ?mine=true voor de eigen, ook concepten)",
        parameters=[VacatureQuerySerializer],
        responses={200: VacatureOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        query = VacatureQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if query.validated_data["mine"] and request.user.role == Role.WERKGEVER:
            qs = selectors.vacatures_for_organisation(organisation=request.user.organisation)
        else:
            qs = selectors.open_vacatures()
        qs = qs.prefetch_related("vacature_skills__skill").select_related("organisation", "region")
        return self.paginated_response(qs, VacatureOutputSerializer)

    @extend_schema(
        summary="Vacature maken (concept)",
        request=VacatureInputSerializer,
        responses={201: VacatureOutputSerializer, **ERRORS},
    )
    def post(self, request):
        if request.user.role != Role.WERKGEVER or not request.user.organisation_id:
            raise PermissionDenied("Alleen werkgevers maken vacatures.")
        serializer = VacatureInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacature = services.vacature_save(
            by=request.user,
            organisation=request.user.organisation,
            **_vacature_kwargs(serializer.validated_data),
        )
        return Response(
            VacatureOutputSerializer(selectors.vacature_detail(pk=vacature.pk)).data, status=201
        )


class VacatureDetailApi(APIView):
    @extend_schema(summary="Eén vacature", responses={200: VacatureOutputSerializer, **ERRORS})
    def get(self, request, pk: int):
        return Response(
            VacatureOutputSerializer(vacature_get_for_user(user=request.user, pk=pk)).data
        )

    @extend_schema(
        summary="Vacature wijzigen",
        request=VacatureInputSerializer,
        responses={200: VacatureOutputSerializer, **ERRORS},
    )
    def patch(self, request, pk: int):
        vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
        serializer = VacatureInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = _vacature_kwargs(serializer.validated_data)
        smin, smax = (
            data.get("salary_min", vacature.salary_min),
            data.get("salary_max", vacature.salary_max),
        )
        if smin > smax:
            raise serializers.ValidationError(
                {"salary_min": "Het minimumsalaris is hoger dan het maximum."}
            )
        services.vacature_save(by=request.user, vacature=vacature, **data)
        return Response(VacatureOutputSerializer(selectors.vacature_detail(pk=pk)).data)


class VacatureActionApi(APIView):
    action_name = ""

    @extend_schema(
        summary="Vacature publiceren of sluiten",
        request=None,
        responses={200: VacatureOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
        service = {"publish": services.vacature_publish, "close": services.vacature_close}[
            self.action_name
        ]
        service(vacature=vacature, by=request.user)
        return Response(VacatureOutputSerializer(selectors.vacature_detail(pk=pk)).data)


class BelowLevelSerializer(serializers.Serializer):
    skill = serializers.CharField()
    level = serializers.IntegerField()
    asked = serializers.IntegerField()
    essential = serializers.BooleanField()
    sentence = serializers.CharField()


class MatchOutputSerializer(serializers.Serializer):
    vacature = serializers.IntegerField(source="vacature_id")
    title = serializers.CharField(source="vacature.title")
    organisation = serializers.CharField(source="vacature.organisation.name")
    sector = serializers.CharField(source="vacature.sector")
    score = serializers.IntegerField()
    parts = serializers.DictField(child=serializers.FloatField())
    matched = serializers.ListField(child=serializers.CharField())
    missing_essential = serializers.ListField(child=serializers.CharField())
    missing_optional = serializers.ListField(child=serializers.CharField())
    below_level = BelowLevelSerializer(many=True)
    reasons = serializers.ListField(child=serializers.CharField())
    to_fill_in = serializers.ListField(child=serializers.CharField())
    section = serializers.ChoiceField(
        choices=[("passend", "Vacatures die bij je passen"), ("bekijken", "Ook het bekijken waard")]
    )
    section_reason = serializers.CharField()
    engine_version = serializers.CharField()
    computed_at = serializers.DateTimeField()


def _explained_rows(matches: list[Match]) -> list[dict]:
    """One page of matches with their reasons (explained per page, not all at once)."""
    explanations = selectors.explain(matches)
    return _match_rows([(m, explanations[m.pk]) for m in matches if m.pk in explanations])


def _match_rows(rows: list[tuple[Match, selectors.Explanation]]) -> list[dict]:
    return [
        {
            "vacature_id": m.vacature_id,
            "vacature": m.vacature,
            "score": m.score,
            "parts": m.parts,
            "matched": ex.matched,
            "missing_essential": ex.missing_essential,
            "missing_optional": ex.missing_optional,
            "below_level": [
                {**b, "sentence": sentence}
                for b, sentence in zip(ex.below_level, ex.below_level_sentences, strict=True)
            ],
            "reasons": ex.sentences,
            "to_fill_in": ex.to_fill_in,
            "section": ex.section,
            "section_reason": ex.section_reason,
            "engine_version": m.engine_version,
            "computed_at": m.computed_at,
        }
        for m, ex in rows
    ]


def _own_profile(request):
    if request.user.role != Role.OVERSTAPPER:
        raise PermissionDenied("Alleen overstappers hebben matches.")
    return profile_for_owner(user=request.user)


class ProfileMatchesApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Mijn matches, je richting eerst, met redenen (section: passend of bekijken)",
        responses={200: MatchOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        matches = selectors.open_matches_for_profile(profile=_own_profile(request))
        return self.paginated_response(matches, MatchOutputSerializer, prepare=_explained_rows)


class SuperscholingSerializer(serializers.Serializer):
    title = serializers.CharField()
    opleider = serializers.CharField()
    months = serializers.IntegerField(help_text="Lengte van de route in maanden")
    hours = serializers.IntegerField()


class OptionOutputSerializer(serializers.Serializer):
    beroep = serializers.CharField(source="beroep.label_nl")
    code = serializers.CharField(source="beroep.code")
    sector = serializers.CharField()
    score = serializers.IntegerField()
    spanning = serializers.IntegerField(
        allow_null=True, help_text="1 (zeer ruim) tot 5 (zeer krap), UWV-categorieën"
    )
    spanning_label = serializers.CharField()
    spanning_where = serializers.CharField()
    krimpsector = serializers.BooleanField()
    shortage_source = serializers.CharField()
    shortage_date = serializers.DateField(allow_null=True)
    matched = serializers.ListField(child=serializers.CharField())
    to_learn = serializers.ListField(child=serializers.CharField())
    superscholing = SuperscholingSerializer(many=True)
    wage_min = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    wage_max = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    wage_basis = serializers.CharField()
    income = serializers.ChoiceField(choices=["dekt", "bovenin", "niet", "onbekend"])
    income_sentence = serializers.CharField()


class ProfileOptionsApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Andere mogelijkheden: beroepen met tekort waarvoor je skills meebrengt",
        description=(
            f"De {OPTIONS} beste, met minstens {MIN_SECTORS} sectoren erin (als die er zijn): "
            "een keuze, geen afgekapte lijst; dezelfde als op de pagina."
        ),
        responses={200: OptionOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        options = selectors.options_for_profile(profile=_own_profile(request))
        return self.paginated_response(options, OptionOutputSerializer)


class ApplicationOutputSerializer(serializers.ModelSerializer):
    candidate = serializers.CharField(source="profile.user.full_name")
    vacature_title = serializers.CharField(source="vacature.title")

    class Meta:
        model = Application
        fields = [
            "id",
            "vacature",
            "vacature_title",
            "candidate",
            "status",
            "meeloopdag_on",
            "meeloopdag_days",
            "onderzoek_overdue",
            "contract_conditions",
            "contract_signed_at",
            "rejection_reason",
            "updated_at",
        ]


class CandidateOutputSerializer(serializers.Serializer):
    application = ApplicationOutputSerializer()
    profile = serializers.IntegerField()
    score = serializers.IntegerField(allow_null=True)


class VacatureCandidatesApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Kandidaten die hun profiel deelden, best passend eerst",
        responses={200: CandidateOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request, pk: int):
        vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
        ranked = selectors.candidates_for_vacature(vacature=vacature, viewer=request.user)
        rows = [
            {"application": a, "profile": a.profile_id, "score": m.score if m else None}
            for a, m in ranked
        ]
        return self.paginated_response(rows, CandidateOutputSerializer)


class ApplicationInputSerializer(serializers.Serializer):
    vacature = serializers.PrimaryKeyRelatedField(queryset=Vacature.objects.all())


class ApplicationsApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Mijn sollicitaties (overstapper)",
        responses={200: ApplicationOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        applications = selectors.applications_for_profile(
            profile=_own_profile(request)
        ).select_related("profile__user")
        return self.paginated_response(applications, ApplicationOutputSerializer)

    @extend_schema(
        summary="Interesse tonen en profiel delen",
        request=ApplicationInputSerializer,
        responses={201: ApplicationOutputSerializer, **ERRORS},
    )
    def post(self, request):
        profile = _own_profile(request)
        serializer = ApplicationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.application_show_interest(
            profile=profile, vacature=serializer.validated_data["vacature"], by=request.user
        )
        return Response(ApplicationOutputSerializer(application).data, status=201)


class ApplicationMoveInputSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(
        choices=Application.Status.choices,
        error_messages={"invalid_choice": "Onbekende stap: {input}."},
    )
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")
    meeloopdag_on = serializers.DateField(allow_null=True, default=None)
    meeloopdag_days = serializers.IntegerField(allow_null=True, default=None)


class ApplicationMoveApi(APIView):
    @extend_schema(
        summary="Volgende stap in de selectie",
        request=ApplicationMoveInputSerializer,
        responses={200: ApplicationOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        application = get_object_or_404(
            Application.objects.select_related("vacature", "profile__user"), pk=pk
        )
        is_candidate = application.profile.user_id == request.user.pk
        is_werkgever = (
            request.user.role == Role.WERKGEVER
            and application.vacature.organisation_id == request.user.organisation_id
        )
        if not (is_candidate or is_werkgever):
            raise Http404
        serializer = ApplicationMoveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.pipeline_step(
            application=application, by=request.user, **serializer.validated_data
        )
        return Response(ApplicationOutputSerializer(application).data)


# --- The voorwaardelijk contract ---------------------------------------------------------


class ContractOutputSerializer(serializers.ModelSerializer):
    werkgever = serializers.CharField(source="werkgever.name")
    candidate = serializers.CharField(source="application.profile.user.full_name")
    offered_by = serializers.CharField(source="offered_by.full_name", allow_null=True)
    signed_by = serializers.CharField(source="signed_by.full_name", allow_null=True)
    is_signed = serializers.BooleanField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "application",
            "candidate",
            "werkgever",
            "function_title",
            "start_date",
            "contract_type",
            "end_date",
            "hours_per_week",
            "salary",
            "proeftijd_months",
            "conditions",
            "created_at",
            "offered_by",
            "is_signed",
            "signed_at",
            "signed_by",
        ]


class ContractInputSerializer(serializers.Serializer):
    """The content; the rules (end after start, 1–40 hours, salary above 0, proeftijd) are
    the model's, so the page and the API give the same message."""

    function_title = serializers.CharField(max_length=200)
    start_date = serializers.DateField()
    contract_type = serializers.ChoiceField(
        choices=Contract.Type.choices,
        error_messages={"invalid_choice": "Kies vast of tijdelijk (niet '{input}')."},
    )
    end_date = serializers.DateField(
        allow_null=True, default=None, help_text="Verplicht bij tijdelijk: de laatste werkdag."
    )
    hours_per_week = serializers.IntegerField(min_value=0, max_value=1000)
    salary = serializers.DecimalField(
        max_digits=8, decimal_places=2, help_text="Bruto per maand in euro."
    )
    proeftijd_months = serializers.IntegerField(min_value=0, max_value=100, default=0)
    conditions = serializers.CharField(max_length=2000, allow_blank=True)


class ContractSignInputSerializer(serializers.Serializer):
    read = serializers.BooleanField(
        help_text="true: de kandidaat heeft het contract gelezen (zoals het vinkje op de pagina)."
    )

    def validate_read(self, value):
        if not value:
            raise serializers.ValidationError(
                "Bevestig dat je het contract hebt gelezen voordat je ondertekent."
            )
        return value


def _contract(application: Application):
    contract = selectors.contract_for_application(application_id=application.pk)
    if contract is None:
        raise NotFound
    return contract


class ApplicationContractApi(APIView):
    @extend_schema(
        summary="Het voorwaardelijk contract (kandidaat en werkgever)",
        responses={200: ContractOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        application = application_get_for_contract(user=request.user, pk=pk)
        return Response(ContractOutputSerializer(_contract(application)).data)

    @extend_schema(
        summary="Voorwaardelijk contract aanbieden (werkgever, na de selectie)",
        request=ContractInputSerializer,
        responses={201: ContractOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        application = application_get_for_contract(user=request.user, pk=pk)
        serializer = ContractInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contract = services.contract_offer(
            application=application, by=request.user, **serializer.validated_data
        )
        contract = selectors.contract_for_application(application_id=contract.application_id)
        return Response(ContractOutputSerializer(contract).data, status=201)


class ApplicationContractSignApi(APIView):
    @extend_schema(
        summary="Contract ondertekenen (de kandidaat, na het lezen)",
        request=ContractSignInputSerializer,
        responses={200: ContractOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        application = application_get_for_contract(user=request.user, pk=pk)
        contract = _contract(application)
        if application.profile.user_id != request.user.pk:
            raise PermissionDenied("Alleen de kandidaat zelf kan dit contract ondertekenen.")
        serializer = ContractSignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.contract_sign(contract=contract, by=request.user)
        contract = selectors.contract_for_application(application_id=application.pk)
        return Response(ContractOutputSerializer(contract).data)


# --- Job carving -----------------------------------------------------------------------------


class VacatureSplitInputSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(
        default=False,
        help_text="Verplicht true als er kandidaten of een getekend contract op de vacature staan.",
    )


class VacatureSplitApi(APIView):
    @extend_schema(
        summary="Vacature splitsen per niveau (job carving)",
        description=(
            "De taken van elk ander niveau gaan naar een nieuwe conceptvacature die zegt waaruit "
            "ze gesplitst is. Staan er kandidaten of een getekend contract op de vacature, dan "
            "is confirm: true nodig; zonder dat antwoordt de API 409 en verandert er niets."
        ),
        request=VacatureSplitInputSerializer,
        responses={
            201: VacatureOutputSerializer(many=True),
            409: OpenApiResponse(
                ErrorSerializer,
                description="Er staan kandidaten op de vacature: bevestig met confirm: true.",
            ),
            **ERRORS,
        },
    )
    def post(self, request, pk: int):
        vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
        serializer = VacatureSplitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            copies = services.vacature_split_by_level(
                vacature=vacature, by=request.user, confirm=serializer.validated_data["confirm"]
            )
        except services.ConfirmationRequired as error:
            return Response(
                {"message": " ".join(error.messages), "extra": error.params or {}},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            VacatureOutputSerializer(
                [selectors.vacature_detail(pk=c.pk) for c in copies], many=True
            ).data,
            status=status.HTTP_201_CREATED,
        )


class MatchRunInputSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=MatchRun.Scope.choices,
        default=MatchRun.Scope.ALLE,
        help_text="alle: alle profielen; gewijzigd: alleen profielen die sinds de vorige "
        "herberekening zijn opgeslagen.",
    )


class MatchRunOutputSerializer(serializers.ModelSerializer):
    progress = serializers.IntegerField()

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "scope",
            "status",
            "progress",
            "created_at",
            "started_at",
            "finished_at",
            "chunks_total",
            "chunks_done",
            "profiles",
            "vacatures",
            "matches_written",
            "error",
            "heartbeat_at",
            "lease_expires_at",
            "attempts",
        ]


def _require_run_role(request):
    if request.user.role not in (Role.BEHEERDER, Role.LOKET):
        raise PermissionDenied("Alleen een beheerder of loketmedewerker ziet herberekeningen.")


class MatchRunsApi(APIView):
    @extend_schema(
        summary="Herberekening starten (alle of alleen gewijzigde profielen)",
        request=MatchRunInputSerializer,
        responses={201: MatchRunOutputSerializer, **ERRORS},
    )
    def post(self, request):
        _require_run_role(request)
        serializer = MatchRunInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = services.match_run_start(by=request.user, scope=serializer.validated_data["scope"])
        run.refresh_from_db()
        return Response(MatchRunOutputSerializer(run).data, status=status.HTTP_201_CREATED)


class MatchRunDetailApi(APIView):
    @extend_schema(
        summary="Voortgang van een herberekening",
        responses={200: MatchRunOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        _require_run_role(request)
        return Response(MatchRunOutputSerializer(get_object_or_404(MatchRun, pk=pk)).data)
