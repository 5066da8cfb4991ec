"""API for oriëntatiegroepen: the coach's or loket's groups and sessions, and a member's view
(first names only). Lists are paginated; errors in the project's shape (loopbrug.api)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from accounts.models import Role
from loopbrug.api import ERROR_RESPONSES

from . import groepen
from .models import GroepSessie, Orientatiegroep


class OrientatiegroepMemberSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="pk")
    overstapper = serializers.CharField(source="overstapper.full_name", default=None)
    phase = serializers.CharField()


class GroepSessieSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroepSessie
        fields = ["id", "starts_at", "ends_at", "place", "online_url", "reminded_at"]
        read_only_fields = ["id", "reminded_at"]


class OrientatiegroepSerializer(serializers.ModelSerializer):
    members = OrientatiegroepMemberSerializer(many=True, read_only=True)
    member_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        write_only=True,
        required=False,
        max_length=groepen.MAX_GROUP_SIZE,
        help_text="Trajecten die nog oriënteren (coach: eigen caseload; loket: eigen regio).",
    )
    region = serializers.IntegerField(source="region_id", read_only=True, allow_null=True)
    next_session = serializers.SerializerMethodField()

    class Meta:
        model = Orientatiegroep
        fields = ["id", "name", "region", "members", "member_ids", "next_session", "created_at"]
        read_only_fields = ["id", "region", "members", "next_session", "created_at"]

    @extend_schema_field(GroepSessieSerializer(allow_null=True))
    def get_next_session(self, group):
        upcoming = getattr(group, "upcoming", [])
        return GroepSessieSerializer(upcoming[0]).data if upcoming else None


class MyOrientatiegroepSerializer(serializers.Serializer):
    """What a member sees: the group's name, the others' first names, the sessions to come."""

    id = serializers.IntegerField(source="group.pk")
    name = serializers.CharField(source="group.name")
    first_names = serializers.ListField(child=serializers.CharField())
    upcoming = GroepSessieSerializer(many=True)


def _former(request) -> None:
    if not groepen.may_form(request.user):
        raise PermissionDenied("Alleen een coach of het loket werkt met oriëntatiegroepen.")


def _group(request, pk: int) -> Orientatiegroep:
    _former(request)
    group = groepen.group_for(user=request.user, pk=pk)
    if group is None:
        raise NotFound("Deze oriëntatiegroep bestaat niet of is niet van jou.")
    return group


class GroupListApi(generics.ListAPIView):
    serializer_class = OrientatiegroepSerializer

    def get_queryset(self):
        _former(self.request)
        return groepen.groups_for(user=self.request.user)

    @extend_schema(
        operation_id="orientatiegroepen_list",
        summary="Mijn oriëntatiegroepen (coach: eigen groepen; loket: de regio)",
        responses={200: OrientatiegroepSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="orientatiegroepen_create",
        summary="Een oriëntatiegroep vormen (de deelnemers krijgen bericht)",
        request=OrientatiegroepSerializer,
        responses={201: OrientatiegroepSerializer, **ERROR_RESPONSES},
    )
    def post(self, request):
        _former(request)
        serializer = OrientatiegroepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        group = groepen.group_create(
            by=request.user, name=data["name"], member_ids=data.get("member_ids", [])
        )
        fresh = groepen.group_for(user=request.user, pk=group.pk)
        return Response(OrientatiegroepSerializer(fresh).data, status=201)


class GroupDetailApi(generics.GenericAPIView):
    serializer_class = OrientatiegroepSerializer

    @extend_schema(
        operation_id="orientatiegroepen_retrieve",
        summary="Een oriëntatiegroep",
        responses={200: OrientatiegroepSerializer, **ERROR_RESPONSES},
    )
    def get(self, request, pk: int):
        return Response(OrientatiegroepSerializer(_group(request, pk)).data)

    @extend_schema(
        operation_id="orientatiegroepen_partial_update",
        summary="Naam of deelnemers wijzigen (wie erbij komt of eruit gaat krijgt bericht)",
        request=OrientatiegroepSerializer(partial=True),
        responses={200: OrientatiegroepSerializer, **ERROR_RESPONSES},
    )
    def patch(self, request, pk: int):
        group = _group(request, pk)
        serializer = OrientatiegroepSerializer(group, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        groepen.group_update(
            group=group, by=request.user, name=data.get("name"), member_ids=data.get("member_ids")
        )
        return Response(OrientatiegroepSerializer(groepen.group_for(user=request.user, pk=pk)).data)

    @extend_schema(
        operation_id="orientatiegroepen_destroy",
        summary="Een oriëntatiegroep opheffen (de deelnemers krijgen bericht)",
        responses={204: None, **ERROR_RESPONSES},
    )
    def delete(self, request, pk: int):
        groepen.group_delete(group=_group(request, pk), by=request.user)
        return Response(status=204)


class GroupSessionsApi(generics.ListAPIView):
    serializer_class = GroepSessieSerializer

    def get_queryset(self):
        return groepen.sessions_of(group=_group(self.request, self.kwargs["pk"]))

    @extend_schema(
        operation_id="orientatiegroepen_sessions_list",
        summary="Bijeenkomsten van een oriëntatiegroep",
        responses={200: GroepSessieSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="orientatiegroepen_sessions_create",
        summary="Een bijeenkomst plannen (de deelnemers krijgen bericht en een herinnering)",
        request=GroepSessieSerializer,
        responses={201: GroepSessieSerializer, **ERROR_RESPONSES},
    )
    def post(self, request, pk: int):
        group = _group(request, pk)
        serializer = GroepSessieSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = groepen.session_plan(
            group=group,
            by=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data.get("place", ""),
            online_url=data.get("online_url", ""),
        )
        return Response(GroepSessieSerializer(session).data, status=201)


class MyGroupsApi(generics.ListAPIView):
    serializer_class = MyOrientatiegroepSerializer

    def get_queryset(self):
        if self.request.user.role != Role.OVERSTAPPER:
            raise PermissionDenied("Alleen deelnemers zitten in een oriëntatiegroep.")
        return groepen.groups_of_member(user=self.request.user)

    @extend_schema(
        operation_id="me_orientatiegroepen_list",
        summary="Mijn oriëntatiegroepen: de voornamen van de anderen en de bijeenkomsten",
        responses={200: MyOrientatiegroepSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
