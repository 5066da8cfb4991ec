from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from loopbrug.api import ErrorSerializer
from loopbrug.pagination import PaginatedListMixin

from . import notes, selectors
from .access import traject_get_for_user, traject_visible_for
from .models import Appointment, Note, Phase, PhaseChange, Traject
from .services import traject_change_phase


class PhaseChangeOutputSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.full_name", allow_null=True, default=None)
    reason = serializers.SerializerMethodField()

    class Meta:
        model = PhaseChange
        fields = ["from_phase", "to_phase", "at", "by", "reason"]

    def get_reason(self, change: PhaseChange) -> str:
        # The overstapper reads the facts Loopbrug recorded, not reasons staff typed.
        viewer = self.context.get("viewer")
        if viewer is not None and change.traject.overstapper_id == viewer.pk:
            return change.participant_reason
        return change.reason


class TrajectOutputSerializer(serializers.ModelSerializer):
    overstapper = serializers.CharField(source="overstapper.full_name", allow_null=True)
    coach = serializers.CharField(source="coach.full_name", allow_null=True, default=None)
    region = serializers.CharField(source="region.name")
    days_in_phase = serializers.IntegerField()
    allowed_next_phases = serializers.ListField(child=serializers.ChoiceField(Phase.choices))

    class Meta:
        model = Traject
        fields = [
            "id",
            "overstapper",
            "attempt",
            "phase",
            "phase_since",
            "days_in_phase",
            "allowed_next_phases",
            "coach",
            "region",
            "target_sector",
            "entry_route",
        ]


class TrajectDetailOutputSerializer(TrajectOutputSerializer):
    phase_changes = PhaseChangeOutputSerializer(many=True)

    class Meta(TrajectOutputSerializer.Meta):
        fields = TrajectOutputSerializer.Meta.fields + ["phase_changes"]


class PhaseChangeInputSerializer(serializers.Serializer):
    to_phase = serializers.ChoiceField(
        choices=Phase.choices, error_messages={"invalid_choice": "Onbekende fase: {input}."}
    )
    reason = serializers.CharField(max_length=2000)


class TrajectListApi(generics.ListAPIView):
    serializer_class = TrajectOutputSerializer

    def get_queryset(self):
        return selectors.traject_list_for_user(user=self.request.user).order_by("pk")

    @extend_schema(
        summary="Trajecten die ik mag zien",
        responses={200: TrajectOutputSerializer(many=True), 403: ErrorSerializer},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TrajectDetailApi(APIView):
    @extend_schema(
        summary="Eén traject met zijn faseovergangen",
        responses={200: TrajectDetailOutputSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        traject = traject_get_for_user(
            user=request.user,
            pk=pk,
            queryset=traject_visible_for(user=request.user).prefetch_related("phase_changes__by"),
        )
        return Response(
            TrajectDetailOutputSerializer(traject, context={"viewer": request.user}).data
        )


class TrajectPhaseApi(APIView):
    @extend_schema(
        summary="Traject naar een andere fase",
        request=PhaseChangeInputSerializer,
        responses={
            201: PhaseChangeOutputSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk, action=None)
        serializer = PhaseChangeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            change = traject_change_phase(
                traject=traject, by=request.user, **serializer.validated_data
            )
        except PermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(PhaseChangeOutputSerializer(change).data, status=201)


# --- Notes and appointments of a traject ------------------------------------------------


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", read_only=True, default=None)

    class Meta:
        model = Note
        fields = ["id", "text", "shared", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class AppointmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["id", "kind", "starts_at", "location", "remind_before_hours", "reminded_at"]
        read_only_fields = ["id", "reminded_at"]


class NotesApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="traject_notes_list",
        summary="Notities bij een traject",
        responses={200: NoteSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk)
        return self.paginated_response(
            notes.notes_for(traject=traject, viewer=request.user), NoteSerializer
        )

    @extend_schema(
        operation_id="traject_notes_create",
        summary="Een notitie toevoegen (privé voor coaches of gedeeld)",
        request=NoteSerializer,
        responses={201: NoteSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk, action=None)
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = notes.note_add(traject=traject, author=request.user, **serializer.validated_data)
        return Response(NoteSerializer(note).data, status=201)


class AppointmentsApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="traject_appointments_list",
        summary="Afspraken bij een traject",
        responses={200: AppointmentSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk)
        return self.paginated_response(traject.appointments.all(), AppointmentSerializer)

    @extend_schema(
        operation_id="traject_appointments_create",
        summary="Een afspraak plannen",
        request=AppointmentSerializer,
        responses={201: AppointmentSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk, action=None)
        serializer = AppointmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        appointment = notes.appointment_add(
            traject=traject,
            coach=request.user,
            kind=data["kind"],
            starts_at=data["starts_at"],
            location=data.get("location", ""),
        )
        return Response(AppointmentSerializer(appointment).data, status=201)
