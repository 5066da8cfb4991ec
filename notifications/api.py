"""API of the inbox and the e-mail preferences; every write goes through notifications.services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from loopbrug.api import ERROR_RESPONSES

from . import selectors, services
from .access import notification_get_for_user
from .models import Kind, Notification


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_read = serializers.BooleanField(read_only=True)
    has_ics = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "body",
            "link",
            "created_at",
            "read_at",
            "is_read",
            "has_ics",
        ]
        read_only_fields = fields

    def get_has_ics(self, obj: Notification) -> bool:
        return bool(obj.ics)


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    label = serializers.CharField(read_only=True)
    email = serializers.BooleanField(help_text="Ook per e-mail (de inbox krijgt alles).")


class PreferencesSerializer(serializers.Serializer):
    preferences = PreferenceSerializer(many=True)


class PreferenceInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=Kind.choices, error_messages={"invalid_choice": "Onbekende soort melding: {input}."}
    )
    email = serializers.BooleanField()


class PreferencesInputSerializer(serializers.Serializer):
    preferences = PreferenceInputSerializer(many=True, allow_empty=True)


def _preferences(user) -> dict:
    return {
        "preferences": [
            {"kind": kind, "label": label, "email": on}
            for kind, label, on in selectors.email_preferences(user=user)
        ]
    }


class NotificationListApi(generics.ListAPIView):
    serializer_class = NotificationSerializer

    def get_queryset(self):
        return selectors.inbox_for(user=self.request.user)

    @extend_schema(
        summary="Mijn meldingen, nieuwste eerst",
        responses={200: NotificationSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationReadApi(APIView):
    @extend_schema(
        summary="Een melding als gelezen markeren (alleen je eigen)",
        request=None,
        responses={200: NotificationSerializer, **ERROR_RESPONSES},
    )
    def post(self, request, pk: int):
        notification = notification_get_for_user(user=request.user, pk=pk)
        services.notification_mark_read(notification=notification, by=request.user)
        return Response(NotificationSerializer(notification).data)


class NotificationPreferencesApi(APIView):
    @extend_schema(
        summary="Welke meldingen ik ook per e-mail krijg",
        responses={200: PreferencesSerializer, **ERROR_RESPONSES},
    )
    def get(self, request):
        return Response(_preferences(request.user))

    @extend_schema(
        summary="E-mail per soort melding aan- of uitzetten (alleen soorten van je rol)",
        request=PreferencesInputSerializer,
        responses={200: PreferencesSerializer, **ERROR_RESPONSES},
    )
    def patch(self, request):
        serializer = PreferencesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = {item["kind"]: item["email"] for item in serializer.validated_data["preferences"]}
        services.preferences_update(user=request.user, email=email)
        return Response(_preferences(request.user))
