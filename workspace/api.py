"""API of the coach workspace: caseload with signals, timeline, notes and appointments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from journeys import notes, selectors
from journeys.access import traject_get_for_user
from journeys.api import AppointmentSerializer
from journeys.models import Phase
from loopbrug.api import ErrorSerializer
from loopbrug.pagination import PaginatedListMixin

from . import dashboards
from . import selectors as workspace


class SignalSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=workspace.Attention.choices())
    label = serializers.CharField()
    count = serializers.IntegerField()
    since = serializers.DateTimeField()
    message = serializers.CharField()


class CaseloadRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="traject.pk")
    overstapper = serializers.CharField(source="traject.overstapper.full_name", allow_null=True)
    phase = serializers.ChoiceField(source="traject.phase", choices=Phase.choices)
    days_in_phase = serializers.IntegerField(source="traject.days_in_phase")
    norm_days = serializers.IntegerField(allow_null=True)
    attention = serializers.ListField(child=serializers.CharField())
    signals = SignalSerializer(many=True)


class TimelineEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField()
    private = serializers.BooleanField()


class CaseloadQuerySerializer(serializers.Serializer):
    phase = serializers.ChoiceField(
        choices=Phase.choices,
        required=False,
        help_text="Alleen trajecten in deze fase.",
        error_messages={"invalid_choice": "Onbekende fase: {input}."},
    )
    attention = serializers.ChoiceField(
        choices=workspace.Attention.choices(),
        required=False,
        help_text="Alleen trajecten met dit signaal.",
        error_messages={"invalid_choice": "Onbekend signaal: {input}."},
    )


class CaseloadApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Mijn caseload, wat aandacht vraagt eerst",
        parameters=[CaseloadQuerySerializer],
        responses={
            200: CaseloadRowSerializer(many=True),
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
    )
    def get(self, request):
        if request.user.role != Role.COACH:
            raise PermissionDenied("Alleen coaches hebben een caseload.")
        query = CaseloadQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = workspace.caseload_rows(
            trajecten=selectors.traject_list_for_coach(
                coach=request.user, phase=query.validated_data.get("phase")
            ),
            attention=query.validated_data.get("attention"),
        )
        return self.paginated_response(rows, CaseloadRowSerializer)


class TimelineApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Alles wat er in een traject gebeurde, nieuwste eerst",
        responses={200: TimelineEventSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk)
        events = workspace.participant_timeline(traject=traject, viewer=request.user)
        return self.paginated_response(events, TimelineEventSerializer)


# --- Appointments moved or cancelled, and the overstapper's own timeline -----------------


class AppointmentMoveSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(
        help_text="Het nieuwe moment: vanaf een jaar geleden tot twee jaar vooruit."
    )
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)


def _appointment(request, pk: int, appointment_id: int):
    """The traject's own appointment; someone else's is not found (and nothing changes)."""
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    appointment = notes.appointment_of(traject=traject, pk=appointment_id)
    if appointment is None:
        raise Http404
    return appointment


class AppointmentDetailApi(APIView):
    @extend_schema(
        operation_id="traject_appointment_move",
        summary="Een afspraak verzetten (de deelnemer krijgt bericht met een agendabestand)",
        request=AppointmentMoveSerializer,
        responses={
            200: AppointmentSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def patch(self, request, pk: int, appointment_id: int):
        appointment = _appointment(request, pk, appointment_id)
        serializer = AppointmentMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appointment = notes.appointment_move(
            appointment=appointment, by=request.user, **serializer.validated_data
        )
        return Response(AppointmentSerializer(appointment).data)

    @extend_schema(
        operation_id="traject_appointment_cancel",
        summary="Een afspraak afzeggen (de deelnemer krijgt bericht)",
        responses={204: None, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def delete(self, request, pk: int, appointment_id: int):
        appointment = _appointment(request, pk, appointment_id)
        notes.appointment_cancel(appointment=appointment, by=request.user)
        return Response(status=204)


class MyTimelineEventSerializer(TimelineEventSerializer):
    appointment_id = serializers.IntegerField(
        allow_null=True,
        help_text="Een afspraak: het agendabestand staat op /afspraken/{id}/agenda.ics",
    )


class MyTimelineApi(generics.ListAPIView):
    serializer_class = MyTimelineEventSerializer

    @extend_schema(summary="Mijn eigen tijdlijn als overstapper, nieuwste eerst")
    def get(self, request, *args, **kwargs):
        if request.user.role != Role.OVERSTAPPER:
            raise PermissionDenied("Alleen een overstapper heeft een eigen tijdlijn.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        traject = selectors.traject_current_for(overstapper=self.request.user)
        if traject is None:
            return []
        return workspace.participant_timeline(traject=traject, viewer=self.request.user)


# --- The role home page as data ---------------------------------------------------------------


class DashboardItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Soort actie, bijvoorbeeld meeloopdag_plannen.")
    text = serializers.CharField(help_text="De zin zoals de startpagina hem toont.")
    url = serializers.CharField(help_text="De pagina waar de actie gedaan wordt.")
    action = serializers.CharField(help_text="De tekst van de link.")
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class DashboardSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    intro = serializers.CharField(allow_blank=True)
    empty = serializers.CharField(
        allow_blank=True, help_text="De zin die de pagina toont als er niets is."
    )
    items = DashboardItemSerializer(many=True)


class DashboardSerializer(serializers.Serializer):
    role = serializers.CharField()
    sections = DashboardSectionSerializer(many=True)


class MyDashboardApi(APIView):
    @extend_schema(
        summary="Mijn startpagina: wat op mij wacht en wat op anderen wacht",
        description=(
            "Voor een werkgever, opleider of overstapper dezelfde onderdelen als op de "
            "startpagina, elk met de link naar de pagina waar de actie gedaan wordt."
        ),
        responses={200: DashboardSerializer, 403: ErrorSerializer},
    )
    def get(self, request):
        sections = dashboards.dashboard_for(user=request.user)
        if sections is None:
            raise PermissionDenied(
                "Een startpagina met acties is er voor werkgevers, opleiders en overstappers."
            )
        return Response(DashboardSerializer({"role": request.user.role, "sections": sections}).data)
