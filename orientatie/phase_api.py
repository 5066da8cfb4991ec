"""API of the traject's oriëntatie phase: the events attended, the shortlist, the group and
what is next, for the participant and their coach (the same facts as the pages)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from journeys.access import traject_get_for_user
from loopbrug.api import ERROR_RESPONSES

from .groepen_api import MyOrientatiegroepSerializer
from .phase import orientation_phase

# --- the traject's oriëntatie phase --------------------------------------------------------


class AttendedEventSerializer(serializers.Serializer):
    event = serializers.IntegerField(source="event.pk")
    title = serializers.CharField(source="event.title")
    kind = serializers.CharField(source="event.kind")
    starts_at = serializers.DateTimeField(source="event.starts_at")
    status = serializers.CharField()


class ShortlistBeroepSerializer(serializers.Serializer):
    beroep = serializers.IntegerField(source="beroep.pk")
    label = serializers.CharField(source="beroep.label_nl")
    saved_at = serializers.DateTimeField(source="created_at")


class OrientationPhaseSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="traject.pk")
    phase = serializers.CharField(source="traject.phase")
    attended = AttendedEventSerializer(many=True)
    upcoming = AttendedEventSerializer(many=True)
    shortlist = ShortlistBeroepSerializer(many=True)
    groups = MyOrientatiegroepSerializer(many=True)
    next_steps = serializers.ListField(child=serializers.CharField())


class TrajectOrientationApi(generics.GenericAPIView):
    serializer_class = OrientationPhaseSerializer

    @extend_schema(
        operation_id="trajecten_orientatie_retrieve",
        summary="De oriëntatiefase van een traject: bijeenkomsten, shortlist, groep, volgende stap",
        responses={200: OrientationPhaseSerializer, **ERROR_RESPONSES},
    )
    def get(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk)
        summary = orientation_phase(
            traject=traject, for_participant=request.user.pk == traject.overstapper_id
        )
        if summary is None:
            raise NotFound("Van dit traject is geen persoon meer bekend.")
        return Response(OrientationPhaseSerializer(summary).data)
