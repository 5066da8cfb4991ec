"""API of the coach workspace: caseload with signals, timeline, notes and appointments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from journeys import selectors
from journeys.models import Phase, Traject
from loopbrug.api import ErrorSerializer

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


class CaseloadApi(APIView):
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
        return Response(CaseloadRowSerializer(rows, many=True).data)


def _traject(request, pk, *, action: str | None = "traject.view"):
    try:
        return selectors.traject_get_for_user(user=request.user, pk=pk, action=action)
    except Traject.DoesNotExist as exc:
        raise Http404 from exc


class TimelineApi(APIView):
    @extend_schema(
        summary="Alles wat er in een traject gebeurde, nieuwste eerst",
        responses={200: TimelineEventSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        traject = _traject(request, pk)
        events = workspace.participant_timeline(traject=traject, viewer=request.user)
        return Response(TimelineEventSerializer(events, many=True).data)
