"""API for the intake list and for linking a coach (issue 12)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from loopbrug.api import ERROR_RESPONSES

from . import selectors
from .access import INTAKE_ROLES, intake_get_for_user
from .models import Traject
from .services import traject_assign_coach


class IntakeRowSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="overstapper.full_name")
    email = serializers.EmailField(source="overstapper.email")
    region = serializers.CharField(source="region.name")
    days_waiting = serializers.IntegerField()

    class Meta:
        model = Traject
        fields = ["id", "name", "email", "region", "days_waiting"]


class IntakeListApi(generics.ListAPIView):
    serializer_class = IntakeRowSerializer

    def get_queryset(self):
        user = self.request.user
        if user.role not in INTAKE_ROLES:
            raise PermissionDenied("Alleen het loket en de coaches zien nieuwe aanmeldingen.")
        return selectors.intake_list_for(user=user)

    @extend_schema(
        summary="Nieuwe aanmeldingen van je regio (nog zonder coach, met toestemming)",
        responses={200: IntakeRowSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssignInputSerializer(serializers.Serializer):
    coach = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="De coach (loket of beheerder); leeg: de coach zelf pakt de aanmelding op.",
    )


class AssignOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    coach = serializers.CharField()


class TrajectAssignApi(APIView):
    @extend_schema(
        summary="Een coach koppelen: zelf oppakken (coach) of toewijzen (loket)",
        request=AssignInputSerializer,
        responses={200: AssignOutputSerializer, **ERROR_RESPONSES},
    )
    def post(self, request, pk: int):
        data = AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        traject = intake_get_for_user(user=request.user, pk=pk)
        if "coach" in data.validated_data:
            region = selectors.intake_region_for(user=request.user)
            coach = (
                selectors.coaches_for_region(region=region)
                .filter(pk=data.validated_data["coach"])
                .first()
            )
            if coach is None:
                raise serializers.ValidationError(
                    {"coach": ["Kies een coach uit de lijst van je regio."]}
                )
        elif request.user.role == Role.COACH:
            coach = request.user
        else:
            raise serializers.ValidationError({"coach": ["Kies een coach."]})
        traject = traject_assign_coach(traject=traject, coach=coach, by=request.user)
        return Response({"id": traject.pk, "coach": traject.coach.full_name})
