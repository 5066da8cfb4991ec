"""API for intervisiegroepen (with their meetings) and a participant's buddy."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from loopbrug.api import ERROR_RESPONSES
from loopbrug.pagination import PaginatedListMixin

from . import intervisie
from .access import traject_get_for_user
from .models import Appointment, Buddy, Intervisiegroep


class MemberSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="pk")
    overstapper = serializers.CharField(source="overstapper.full_name", default=None)
    phase = serializers.CharField()


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["id", "starts_at", "location", "reminded_at"]
        read_only_fields = ["id", "reminded_at"]


class GroupSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)
    member_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        write_only=True,
        required=False,
        max_length=intervisie.MAX_GROUP_SIZE,
        help_text="Trajecten uit de eigen caseload (lopend).",
    )

    class Meta:
        model = Intervisiegroep
        fields = ["id", "name", "members", "member_ids", "created_at"]
        read_only_fields = ["id", "members", "created_at"]


class BuddySerializer(serializers.ModelSerializer):
    class Meta:
        model = Buddy
        fields = ["id", "name", "email", "since"]
        read_only_fields = ["id", "since"]


def _coach(request) -> None:
    if request.user.role != Role.COACH:
        raise PermissionDenied("Alleen coaches werken met intervisiegroepen.")


def _group(request, pk: int) -> Intervisiegroep:
    _coach(request)
    group = intervisie.group_for(coach=request.user, pk=pk)
    if group is None:
        raise NotFound("Deze intervisiegroep bestaat niet of is niet van jou.")
    return group


class GroupsApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="intervisiegroepen_list",
        summary="Mijn intervisiegroepen",
        responses={200: GroupSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        _coach(request)
        return self.paginated_response(intervisie.groups_for(coach=request.user), GroupSerializer)

    @extend_schema(
        operation_id="intervisiegroepen_create",
        summary="Een intervisiegroep aanmaken",
        request=GroupSerializer,
        responses={201: GroupSerializer, **ERROR_RESPONSES},
    )
    def post(self, request):
        _coach(request)
        serializer = GroupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        group = intervisie.group_create(
            coach=request.user, name=data["name"], member_ids=data.get("member_ids", [])
        )
        fresh = intervisie.group_for(coach=request.user, pk=group.pk)
        return Response(GroupSerializer(fresh).data, status=201)


class GroupDetailApi(APIView):
    @extend_schema(
        operation_id="intervisiegroepen_retrieve",
        summary="Een intervisiegroep",
        responses={200: GroupSerializer, **ERROR_RESPONSES},
    )
    def get(self, request, pk: int):
        return Response(GroupSerializer(_group(request, pk)).data)

    @extend_schema(
        operation_id="intervisiegroepen_update",
        summary="Naam of deelnemers wijzigen",
        request=GroupSerializer(partial=True),
        responses={200: GroupSerializer, **ERROR_RESPONSES},
    )
    def patch(self, request, pk: int):
        group = _group(request, pk)
        serializer = GroupSerializer(group, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        intervisie.group_update(
            group=group, by=request.user, name=data.get("name"), member_ids=data.get("member_ids")
        )
        return Response(GroupSerializer(intervisie.group_for(coach=request.user, pk=pk)).data)

    @extend_schema(
        operation_id="intervisiegroepen_destroy",
        summary="Een intervisiegroep verwijderen",
        responses={204: None, **ERROR_RESPONSES},
    )
    def delete(self, request, pk: int):
        intervisie.group_delete(group=_group(request, pk), by=request.user)
        return Response(status=204)


class GroupMeetingsApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="intervisiegroepen_meetings_list",
        summary="Bijeenkomsten van een intervisiegroep",
        responses={200: MeetingSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, pk: int):
        group = _group(request, pk)
        return self.paginated_response(intervisie.meetings_of(group=group), MeetingSerializer)

    @extend_schema(
        operation_id="intervisiegroepen_meetings_create",
        summary="Een bijeenkomst plannen (de deelnemers krijgen een herinnering)",
        request=MeetingSerializer,
        responses={201: MeetingSerializer, **ERROR_RESPONSES},
    )
    def post(self, request, pk: int):
        group = _group(request, pk)
        serializer = MeetingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = intervisie.meeting_plan(
            group=group,
            by=request.user,
            starts_at=serializer.validated_data["starts_at"],
            location=serializer.validated_data.get("location", ""),
        )
        return Response(MeetingSerializer(meeting).data, status=201)


class BuddiesApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="traject_buddies_list",
        summary="De buddy van een deelnemer",
        responses={200: BuddySerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk)
        buddies = intervisie.buddies_for(traject=traject, viewer=request.user)
        return self.paginated_response(buddies, BuddySerializer)

    @extend_schema(
        operation_id="traject_buddies_create",
        summary="Een buddy koppelen",
        request=BuddySerializer,
        responses={201: BuddySerializer, **ERROR_RESPONSES},
    )
    def post(self, request, pk: int):
        traject = traject_get_for_user(user=request.user, pk=pk, action=None)
        serializer = BuddySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        buddy = intervisie.buddy_link(
            traject=traject,
            by=request.user,
            name=serializer.validated_data["name"],
            email=serializer.validated_data.get("email", ""),
        )
        return Response(BuddySerializer(buddy).data, status=201)


class BuddyDetailApi(APIView):
    @extend_schema(
        operation_id="buddies_destroy",
        summary="Een buddy ontkoppelen",
        responses={204: None, **ERROR_RESPONSES},
    )
    def delete(self, request, pk: int):
        buddy = intervisie.buddy_of_coach(coach=request.user, pk=pk)
        if buddy is None:
            raise NotFound("Deze buddy bestaat niet of je hebt er geen toegang toe.")
        intervisie.buddy_unlink(buddy=buddy, by=request.user)
        return Response(status=204)
