"""API for Superscholing, onboarding and nazorg. Every write goes through onboarding.services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from journeys.access import traject_get_for_user, traject_visible_for
from loopbrug.api import ERROR_RESPONSES, ErrorSerializer
from loopbrug.pagination import PaginatedListMixin

from . import selectors, services
from .access import inschrijving_get_for_user, leerwerktraject_get_for_opleider
from .models import (
    Alert,
    CheckIn,
    Inschrijving,
    Leeruitkomst,
    Leerwerktraject,
    Mode,
    Module,
    OnboardingItem,
    OnboardingPlan,
    StartMoment,
    Uitval,
    Validation,
)

ERRORS = ERROR_RESPONSES


def _data(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Serializers -------------------------------------------------------------------------


class LeeruitkomstSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leeruitkomst
        fields = ["id", "description", "skill"]


class ModuleOutputSerializer(serializers.ModelSerializer):
    leeruitkomsten = LeeruitkomstSerializer(many=True, read_only=True)

    class Meta:
        model = Module
        fields = ["id", "title", "hours", "cost", "mode", "order", "leeruitkomsten"]


class StartMomentSerializer(serializers.ModelSerializer):
    class Meta:
        model = StartMoment
        fields = ["id", "starts_on", "places"]


class LeerwerktrajectOutputSerializer(serializers.ModelSerializer):
    opleider = serializers.CharField(source="opleider.name")
    modules = ModuleOutputSerializer(many=True, read_only=True)
    start_moments = StartMomentSerializer(many=True, read_only=True)

    class Meta:
        model = Leerwerktraject
        fields = [
            "id",
            "title",
            "opleider",
            "sector",
            "description",
            "required_niveau",
            "weekly_hours",
            "start_every_months",
            "places_per_start",
            "published_at",
            "modules",
            "start_moments",
        ]


class LeerwerktrajectInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leerwerktraject
        fields = [
            "title",
            "sector",
            "description",
            "required_niveau",
            "weekly_hours",
            "start_every_months",
            "places_per_start",
        ]


class ModuleInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    hours = serializers.IntegerField(min_value=1, max_value=2000)
    cost = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0, default=0)
    mode = serializers.ChoiceField(choices=Mode.choices, default=Mode.LOCATIE)
    leeruitkomsten = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=50
    )


class StartMomentsInputSerializer(serializers.Serializer):
    first = serializers.DateField()
    count = serializers.IntegerField(min_value=1, max_value=24, default=6)


class RouteModuleSerializer(serializers.Serializer):
    module = serializers.IntegerField(source="module.pk")
    title = serializers.CharField(source="module.title")
    hours = serializers.IntegerField(source="module.hours")
    recognised = serializers.BooleanField()
    percent = serializers.IntegerField()
    planned_start = serializers.DateField(allow_null=True)
    planned_end = serializers.DateField(allow_null=True)


class InschrijvingOutputSerializer(serializers.ModelSerializer):
    leerwerktraject = serializers.CharField(source="start_moment.leerwerktraject.title")
    starts_on = serializers.DateField(source="start_moment.starts_on")
    route = serializers.SerializerMethodField()

    class Meta:
        model = Inschrijving
        fields = [
            "id",
            "traject",
            "leerwerktraject",
            "starts_on",
            "status",
            "paused_since",
            "route",
        ]

    def get_route(self, inschrijving) -> dict:
        route = selectors.route_for(inschrijving)
        return {
            "hours": route.hours,
            "hours_saved": route.hours_saved,
            "paused_days": route.paused_days,
            "planned_end": route.planned_end.isoformat() if route.planned_end else None,
            "modules": RouteModuleSerializer(route.modules, many=True).data,
        }


class InschrijvingInputSerializer(serializers.Serializer):
    traject = serializers.IntegerField()
    start_moment = serializers.IntegerField()


class ValidationInputSerializer(serializers.Serializer):
    leeruitkomst = serializers.IntegerField()
    method = serializers.ChoiceField(choices=Validation.Method.choices)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    evidence = serializers.FileField(required=False)


class ValidationOutputSerializer(serializers.ModelSerializer):
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Validation
        fields = ["id", "leeruitkomst", "method", "note", "at", "has_evidence"]

    def get_has_evidence(self, validation) -> bool:
        return bool(validation.evidence)


class ProgressInputSerializer(serializers.Serializer):
    module = serializers.IntegerField()
    percent = serializers.IntegerField(min_value=0, max_value=100)


class PauseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class OnboardingItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = OnboardingItem
        fields = ["id", "title", "owner_role", "due_on", "done_at"]


class OnboardingPlanSerializer(serializers.ModelSerializer):
    items = OnboardingItemSerializer(many=True, read_only=True)

    class Meta:
        model = OnboardingPlan
        fields = ["id", "traject", "starts_on", "items"]


class PlanInputSerializer(serializers.Serializer):
    starts_on = serializers.DateField()


class CheckInOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = [
            "id",
            "traject",
            "due_on",
            "motivatie",
            "betrokkenheid",
            "team",
            "uitdaging",
            "comment",
            "filled_at",
        ]


class CheckInInputSerializer(serializers.Serializer):
    motivatie = serializers.IntegerField(min_value=1, max_value=5)
    betrokkenheid = serializers.IntegerField(min_value=1, max_value=5)
    team = serializers.IntegerField(min_value=1, max_value=5)
    uitdaging = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class AlertSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alert
        fields = ["id", "traject", "kind", "message", "created_at", "resolved_at"]


class CloseInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[("landing", "landing"), ("uitval", "uitval")])
    reason = serializers.ChoiceField(
        choices=Uitval.Reason.choices, required=False, default="", allow_blank=True
    )
    text = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class CloseOutputSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="pk")
    phase = serializers.CharField()


# --- Views -------------------------------------------------------------------------------


class LeerwerktrajectListApi(PaginatedListMixin, APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        summary="Gepubliceerde leerwerktrajecten (openbaar)",
        responses={200: LeerwerktrajectOutputSerializer(many=True)},
    )
    def get(self, request):
        qs = selectors.leerwerktrajecten_public().prefetch_related("modules__leeruitkomsten")
        return self.paginated_response(qs, LeerwerktrajectOutputSerializer)

    @extend_schema(
        summary="Leerwerktraject aanbieden (opleider)",
        request=LeerwerktrajectInputSerializer,
        responses={201: LeerwerktrajectOutputSerializer, **ERRORS},
    )
    def post(self, request):
        data = _data(LeerwerktrajectInputSerializer, request)
        lwt = services.leerwerktraject_save(by=request.user, **data)
        return Response(LeerwerktrajectOutputSerializer(lwt).data, status=201)


class LeerwerktrajectDetailApi(APIView):
    @extend_schema(
        summary="Eigen leerwerktraject (opleider)",
        responses={200: LeerwerktrajectOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        return Response(
            LeerwerktrajectOutputSerializer(
                leerwerktraject_get_for_opleider(user=request.user, pk=pk)
            ).data
        )

    @extend_schema(
        summary="Leerwerktraject wijzigen (opleider)",
        request=LeerwerktrajectInputSerializer,
        responses={200: LeerwerktrajectOutputSerializer, **ERRORS},
    )
    def patch(self, request, pk: int):
        lwt = leerwerktraject_get_for_opleider(user=request.user, pk=pk)
        serializer = LeerwerktrajectInputSerializer(lwt, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        lwt = services.leerwerktraject_save(
            by=request.user, leerwerktraject=lwt, **serializer.validated_data
        )
        return Response(LeerwerktrajectOutputSerializer(lwt).data)


class LeerwerktrajectPublishApi(APIView):
    @extend_schema(
        summary="Leerwerktraject publiceren",
        request=None,
        responses={200: LeerwerktrajectOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        lwt = services.leerwerktraject_publish(
            by=request.user,
            leerwerktraject=leerwerktraject_get_for_opleider(user=request.user, pk=pk),
        )
        return Response(LeerwerktrajectOutputSerializer(lwt).data)


class ModuleCreateApi(APIView):
    @extend_schema(
        summary="Module met leeruitkomsten toevoegen",
        request=ModuleInputSerializer,
        responses={201: ModuleOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        lwt = leerwerktraject_get_for_opleider(user=request.user, pk=pk)
        data = _data(ModuleInputSerializer, request)
        outcomes = data.pop("leeruitkomsten", [])
        module = services.module_add(by=request.user, leerwerktraject=lwt, **data)
        for text in outcomes:
            services.leeruitkomst_add(by=request.user, module=module, description=text)
        return Response(ModuleOutputSerializer(module).data, status=201)


class StartMomentsApi(PaginatedListMixin, APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        summary="Startmomenten van een gepubliceerd leerwerktraject (openbaar)",
        responses={200: StartMomentSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        lwt = get_object_or_404(Leerwerktraject.objects.filter(published_at__isnull=False), pk=pk)
        moments = lwt.start_moments.filter(starts_on__gte=selectors.today())
        return self.paginated_response(moments, StartMomentSerializer)

    @extend_schema(
        summary="Startmomenten maken in het ritme van het leerwerktraject",
        request=StartMomentsInputSerializer,
        responses={201: StartMomentSerializer(many=True), **ERRORS},
    )
    def post(self, request, pk: int):
        lwt = leerwerktraject_get_for_opleider(user=request.user, pk=pk)
        made = services.start_moments_generate(
            by=request.user, leerwerktraject=lwt, **_data(StartMomentsInputSerializer, request)
        )
        return Response(StartMomentSerializer(made, many=True).data, status=201)


class InschrijvingListApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Inschrijvingen met hun leerroute die ik mag zien",
        responses={200: InschrijvingOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        qs = selectors.inschrijving_visible_for(user=request.user).order_by("pk")
        return self.paginated_response(qs, InschrijvingOutputSerializer)

    @extend_schema(
        summary="Inschrijven op een startmoment",
        request=InschrijvingInputSerializer,
        responses={201: InschrijvingOutputSerializer, **ERRORS},
    )
    def post(self, request):
        data = _data(InschrijvingInputSerializer, request)
        traject = get_object_or_404(traject_visible_for(user=request.user), pk=data["traject"])
        moment = get_object_or_404(StartMoment, pk=data["start_moment"])
        inschrijving = services.inschrijving_create(
            by=request.user, traject=traject, start_moment=moment
        )
        return Response(InschrijvingOutputSerializer(inschrijving).data, status=201)


class InschrijvingDetailApi(APIView):
    @extend_schema(
        summary="Eén inschrijving met de individuele leerroute",
        responses={200: InschrijvingOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        return Response(
            InschrijvingOutputSerializer(inschrijving_get_for_user(user=request.user, pk=pk)).data
        )


class ValidationCreateApi(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="Leeruitkomst erkennen (opleider), met bewijs als PDF of afbeelding",
        request={"multipart/form-data": ValidationInputSerializer},
        responses={201: ValidationOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        inschrijving = inschrijving_get_for_user(user=request.user, pk=pk, action=None)
        data = _data(ValidationInputSerializer, request)
        outcome = get_object_or_404(Leeruitkomst, pk=data["leeruitkomst"])
        validation = services.validation_record(
            by=request.user,
            inschrijving=inschrijving,
            leeruitkomst=outcome,
            method=data["method"],
            note=data["note"],
            evidence=data.get("evidence"),
        )
        return Response(ValidationOutputSerializer(validation).data, status=201)


class ProgressApi(APIView):
    @extend_schema(
        summary="Voortgang van een module vastleggen (opleider)",
        request=ProgressInputSerializer,
        responses={200: InschrijvingOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        inschrijving = inschrijving_get_for_user(user=request.user, pk=pk, action=None)
        data = _data(ProgressInputSerializer, request)
        module = get_object_or_404(Module, pk=data["module"])
        services.progress_record(
            by=request.user, inschrijving=inschrijving, module=module, percent=data["percent"]
        )
        inschrijving.refresh_from_db()
        return Response(InschrijvingOutputSerializer(inschrijving).data)


class PauseApi(APIView):
    @extend_schema(
        summary="Leerroute pauzeren (opleider)",
        request=PauseInputSerializer,
        responses={200: InschrijvingOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        inschrijving = inschrijving_get_for_user(user=request.user, pk=pk, action=None)
        reason = _data(PauseInputSerializer, request)["reason"]
        services.inschrijving_pause(by=request.user, inschrijving=inschrijving, reason=reason)
        return Response(InschrijvingOutputSerializer(inschrijving).data)


class ResumeApi(APIView):
    @extend_schema(
        summary="Gepauzeerde leerroute hervatten (opleider)",
        request=None,
        responses={200: InschrijvingOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        inschrijving = inschrijving_get_for_user(user=request.user, pk=pk, action=None)
        services.inschrijving_resume(by=request.user, inschrijving=inschrijving)
        return Response(InschrijvingOutputSerializer(inschrijving).data)


class OnboardingPlanApi(APIView):
    def _traject(self, request, pk):
        if request.user.role == Role.WERKGEVER:
            qs = selectors.werkgever_trajecten(user=request.user)
        else:
            qs = traject_visible_for(user=request.user)
        return get_object_or_404(qs, pk=pk)

    @extend_schema(
        summary="Het onboardingsplan van een traject",
        responses={200: OnboardingPlanSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        traject = self._traject(request, pk)
        plan = get_object_or_404(OnboardingPlan.objects.prefetch_related("items"), traject=traject)
        return Response(OnboardingPlanSerializer(plan).data)

    @extend_schema(
        summary="Onboardingsplan maken uit het sjabloon van 100 dagen (werkgever)",
        request=PlanInputSerializer,
        responses={201: OnboardingPlanSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        traject = self._traject(request, pk)
        plan = services.onboarding_plan_create(
            by=request.user, traject=traject, **_data(PlanInputSerializer, request)
        )
        return Response(OnboardingPlanSerializer(plan).data, status=201)


class OnboardingItemToggleApi(APIView):
    @extend_schema(
        summary="Onboarding-actie afvinken of terugzetten",
        request=None,
        responses={200: OnboardingItemSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        item = get_object_or_404(OnboardingItem.objects.select_related("plan__traject"), pk=pk)
        item = services.onboarding_item_toggle(by=request.user, item=item)
        return Response(OnboardingItemSerializer(item).data)


def _checkins_for(user):
    if user.role == Role.OVERSTAPPER:
        return CheckIn.objects.filter(traject__overstapper=user)
    if user.role == Role.COACH:
        return CheckIn.objects.filter(traject__coach=user)
    if user.role == Role.BEHEERDER:
        return CheckIn.objects.all()
    return CheckIn.objects.none()


class CheckInListApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Werkgeluk check-ins (eigen, of van de caseload)",
        responses={200: CheckInOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        qs = _checkins_for(request.user).order_by("-due_on", "pk")
        return self.paginated_response(qs, CheckInOutputSerializer)


class CheckInSubmitApi(APIView):
    @extend_schema(
        summary="Eigen check-in invullen (eenmalig)",
        request=CheckInInputSerializer,
        responses={200: CheckInOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        checkin = get_object_or_404(CheckIn, pk=pk, traject__overstapper=request.user)
        data = _data(CheckInInputSerializer, request)
        comment = data.pop("comment")
        checkin = services.checkin_submit(checkin=checkin, scores=data, comment=comment)
        return Response(CheckInOutputSerializer(checkin).data)


class AlertListApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Open signalen voor mij als coach",
        responses={200: AlertSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        if request.user.role != Role.COACH:
            return self.paginated_response([], AlertSerializer)
        return self.paginated_response(
            selectors.alerts_for_coach(coach=request.user), AlertSerializer
        )


class TrajectCloseApi(APIView):
    @extend_schema(
        summary="Succesvolle landing of uitval (met fase en reden) vastleggen",
        request=CloseInputSerializer,
        responses={200: CloseOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk, action=None)
        traject = services.traject_close(
            by=request.user, traject=traject, **_data(CloseInputSerializer, request)
        )
        return Response(CloseOutputSerializer(traject).data)
