from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from loopbrug.api import ErrorSerializer


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)
    region = serializers.CharField(source="region.name", allow_null=True, default=None)


class MeApi(APIView):
    @extend_schema(
        summary="Wie ben ik",
        responses={200: MeOutputSerializer, 401: ErrorSerializer, 403: ErrorSerializer},
    )
    def get(self, request):
        return Response(MeOutputSerializer(request.user).data)
