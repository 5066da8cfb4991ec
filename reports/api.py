from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Region
from loopbrug.api import ErrorSerializer

from . import services
from .access import require_reporter, run_get_for_user
from .models import Breakdown, ReportRun
from .views import FORMATS


class ReportRunInputSerializer(serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, required=False, default=None
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    breakdown = serializers.ChoiceField(
        choices=Breakdown.choices,
        default=Breakdown.NONE,
        error_messages={"invalid_choice": "Onbekende uitsplitsing: {input}."},
    )

    def validate(self, attrs):
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError(
                {"period_end": "De periode eindigt voordat hij begint."}
            )
        return attrs


class ReportRunOutputSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name", allow_null=True, default=None)
    result = serializers.JSONField(allow_null=True)
    downloads = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "region",
            "period_start",
            "period_end",
            "parameters",
            "monthly",
            "status",
            "progress",
            "created_at",
            "finished_at",
            "result",
            "downloads",
        ]

    def get_downloads(self, run) -> dict[str, str]:
        if not run.is_done:
            return {}
        return {fmt: f"/api/v1/reports/{run.pk}/download/{fmt}/" for fmt in FORMATS}


class ReportRunsApi(APIView):
    @extend_schema(
        summary="Een rapportage starten",
        request=ReportRunInputSerializer,
        responses={202: ReportRunOutputSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request):
        require_reporter(request.user)
        serializer = ReportRunInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = services.report_run_start(
            user=request.user,
            region=data["region"],
            start=data["period_start"],
            end=data["period_end"],
            breakdown=data["breakdown"],
        )
        run.refresh_from_db()
        return Response(ReportRunOutputSerializer(run).data, status=202)


class ReportRunDetailApi(APIView):
    @extend_schema(
        summary="Status en cijfers van een rapportage",
        responses={200: ReportRunOutputSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        require_reporter(request.user)
        run = run_get_for_user(user=request.user, pk=pk)
        return Response(ReportRunOutputSerializer(run).data)


class ReportRunDownloadApi(APIView):
    @extend_schema(
        summary="Een rapportage downloaden (csv, xlsx of pdf)",
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS))],
        responses={
            **{
                (200, content_type.split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY)
                for content_type, _make in FORMATS.values()
            },
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def get(self, request, pk: int, fmt: str):
        require_reporter(request.user)
        run = run_get_for_user(user=request.user, pk=pk)
        if fmt not in FORMATS:
            return Response({"message": "Onbekend bestandsformaat.", "extra": {}}, status=404)
        if not run.is_done:
            return Response(
                {"message": "Deze rapportage is nog niet klaar.", "extra": {"status": run.status}},
                status=409,
            )
        content_type, make = FORMATS[fmt]
        response = HttpResponse(make(run.result), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="rapportage-{run.pk}.{fmt}"'
        return response
