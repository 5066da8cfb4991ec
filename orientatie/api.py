"""API of oriëntatie: the public agenda and sign-up, the organiser's events and attendance,
the beroepen-verkenner (with `fit` for a logged-in overstapper), the shortlist and the regional
catalogue. Errors in the project's shape (loopbrug.api)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Organisation, Region, Role, Sector
from loopbrug.api import ERROR_RESPONSES
from loopbrug.pagination import PaginatedListMixin

from . import selectors, services
from .access import event_get_for_organiser, event_get_public
from .models import MAX_CAPACITY, SHORTAGE_SECTORS, Event, Initiative, Registration
from .ratelimit import client_address, signup_allowed
from .services import MAX_SESSIONS

ERRORS = ERROR_RESPONSES


def _data(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _query(serializer_class, request):
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Serializers: events -------------------------------------------------------------------


class SessionSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    region = serializers.IntegerField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    sectors = serializers.SerializerMethodField()
    place = serializers.CharField()
    online_url = serializers.CharField()
    capacity = serializers.IntegerField()
    places_left = serializers.SerializerMethodField()
    waiting = serializers.SerializerMethodField()
    confidential_ok = serializers.BooleanField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    sessions = SessionSerializer(many=True)

    def get_sectors(self, event) -> list[str]:
        return selectors.sectors_of(event)

    def get_places_left(self, event) -> int:
        return selectors.places_left(event)

    def get_waiting(self, event) -> int:
        return getattr(event, "n_waiting", 0)


class EventQuerySerializer(serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all(), required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    kind = serializers.ChoiceField(choices=Event.Kind.choices, required=False)
    date_from = serializers.DateField(required=False, help_text="Vanaf deze dag (JJJJ-MM-DD).")
    mine = serializers.BooleanField(
        required=False, default=False, help_text="Organisator: de eigen bijeenkomsten."
    )

    def validate_date_from(self, value):
        if value.year < 2000 or value.year > 2100:
            raise serializers.ValidationError("Kies een datum tussen 2000 en 2100.")
        return value


class EventInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=Sector.choices), min_length=1, max_length=10
    )
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all(), required=False)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY)
    confidential_ok = serializers.BooleanField(required=False, default=True)
    sessions = SessionSerializer(many=True, min_length=1, max_length=MAX_SESSIONS)


class EventPatchSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=Sector.choices),
        min_length=1,
        max_length=10,
        required=False,
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, required=False)
    confidential_ok = serializers.BooleanField(required=False)


class RegistrationInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    confidential = serializers.BooleanField(required=False, default=False)
    employer = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.WERKGEVER),
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen bij vertrouwelijk aanmelden: de huidige werkgever, die het niet ziet.",
    )
    link_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Toestemming om de aanmelding te koppelen aan een later account.",
    )


class RegistrationOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    waiting_position = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()


class AttendeeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    attended = serializers.BooleanField(allow_null=True)


class MarkSerializer(serializers.Serializer):
    registration = serializers.IntegerField(min_value=1)
    attended = serializers.BooleanField()


class AttendanceInputSerializer(serializers.Serializer):
    marks = MarkSerializer(many=True, min_length=1, max_length=MAX_CAPACITY)


# --- Views: events -------------------------------------------------------------------------


def _own_event(request, pk: int) -> Event:
    if not services.may_organise(request.user):
        raise PermissionDenied("Alleen een loket, werkgever of opleider beheert bijeenkomsten.")
    return event_get_for_organiser(user=request.user, pk=pk)


class EventListApi(generics.ListAPIView):
    serializer_class = EventOutputSerializer

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    def get_queryset(self):
        query = _query(EventQuerySerializer, self.request)
        if query["mine"] and services.may_organise(self.request.user):
            return selectors.events_for_organiser(user=self.request.user)
        return selectors.agenda(
            region=query.get("region"),
            sector=query.get("sector", ""),
            kind=query.get("kind", ""),
            date_from=query.get("date_from"),
        )

    @extend_schema(
        operation_id="events_list",
        summary="De agenda: bijeenkomsten die nog komen (openbaar; plaatsen, nooit namen)",
        parameters=[EventQuerySerializer],
        responses={200: EventOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="events_create",
        summary="Bijeenkomst publiceren (loket, werkgever of opleider)",
        request=EventInputSerializer,
        responses={201: EventOutputSerializer, **ERRORS},
    )
    def post(self, request):
        data = dict(_data(EventInputSerializer, request))
        data["sessions"] = [(s["starts_at"], s["ends_at"]) for s in data["sessions"]]
        event = services.event_create(by=request.user, **data)
        return Response(
            EventOutputSerializer(
                selectors.event_for_organiser(user=request.user, pk=event.pk)
            ).data,
            status=201,
        )


class EventDetailApi(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        operation_id="events_retrieve",
        summary="Eén bijeenkomst (openbaar als gepubliceerd)",
        responses={200: EventOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        event = selectors.event_public(pk=pk) or (
            selectors.event_for_organiser(user=request.user, pk=pk)
        )
        if event is None:
            raise Http404
        return Response(EventOutputSerializer(event).data)

    @extend_schema(
        operation_id="events_partial_update",
        summary="Bijeenkomst wijzigen (de eigen organisatie)",
        request=EventPatchSerializer,
        responses={200: EventOutputSerializer, **ERRORS},
    )
    def patch(self, request, pk: int):
        event = _own_event(request, pk)
        data = _data(EventPatchSerializer, request)
        services.event_update(event=event, by=request.user, **data)
        return Response(
            EventOutputSerializer(selectors.event_for_organiser(user=request.user, pk=pk)).data
        )


def _limit(request, email: str) -> None:
    if not signup_allowed(email=email, ip=client_address(request)):
        raise exceptions.Throttled(wait=settings.ORIENTATIE_SIGNUP_LIMITS["window"])


class RegistrationCreateApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="events_registrations_create",
        summary="Aanmelden met naam en e-mailadres (geen account nodig)",
        description="Bij een volle bijeenkomst kom je op de wachtlijst. De annuleerlink staat "
        "in de bevestigingsmail.",
        request=RegistrationInputSerializer,
        responses={201: RegistrationOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        event = event_get_public(pk=pk)
        _limit(request, str(request.data.get("email", "")) if hasattr(request.data, "get") else "")
        data = _data(RegistrationInputSerializer, request)
        user = request.user if request.user.is_authenticated else None
        registration = services.registration_create(event=event, user=user, **data)
        waiting = registration.status == Registration.Status.WAITING
        message = (
            "De bijeenkomst is vol: je staat op de wachtlijst."
            if waiting
            else "Je bent aangemeld. De bevestiging staat in je e-mail."
        )
        payload = {
            "status": registration.status,
            "waiting_position": services.waiting_position(registration),
            "message": message,
        }
        return Response(RegistrationOutputSerializer(payload).data, status=201)


class RegistrationCancelApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="events_registrations_destroy",
        summary="Afmelden met de annuleerlink uit de bevestigingsmail (werkt één keer)",
        responses={204: OpenApiResponse(description="Afgemeld."), **ERRORS},
    )
    def delete(self, request, pk: int, token: str):
        event = event_get_public(pk=pk)
        services.registration_cancel(token=token, event=event)
        return Response(status=204)


class AttendanceApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="events_attendance_list",
        summary="Wie zich aanmeldde en wie er was (alleen de eigen bijeenkomsten)",
        responses={200: AttendeeSerializer(many=True), **ERRORS},
    )
    def get(self, request, pk: int):
        event = _own_event(request, pk)
        return self.paginated_response(
            selectors.attendees_for(event=event, viewer=request.user), AttendeeSerializer
        )

    @extend_schema(
        operation_id="events_attendance_create",
        summary="Aanwezigheid vastleggen (alleen de eigen bijeenkomsten)",
        request=AttendanceInputSerializer,
        responses={200: AttendeeSerializer(many=True), **ERRORS},
    )
    def post(self, request, pk: int):
        event = _own_event(request, pk)
        data = _data(AttendanceInputSerializer, request)
        marks = {m["registration"]: m["attended"] for m in data["marks"]}
        if len(marks) != len(data["marks"]):
            raise exceptions.ValidationError({"marks": ["Noem iedere aanmelding één keer."]})
        services.attendance_mark(event=event, by=request.user, marks=marks)
        return Response(
            AttendeeSerializer(
                selectors.attendees_for(event=event, viewer=request.user), many=True
            ).data
        )


# --- Beroepen-verkenner --------------------------------------------------------------------


class BeroepQuerySerializer(serializers.Serializer):
    sector = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in SHORTAGE_SECTORS], required=False
    )
    q = serializers.CharField(max_length=100, required=False, allow_blank=True)

    def validate_q(self, value: str) -> str:
        if "\x00" in value:
            raise serializers.ValidationError("Een zoekterm mag geen nul-teken bevatten.")
        return value


class BeroepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    label = serializers.CharField(source="label_nl")
    sector = serializers.ChoiceField(choices=Sector.choices)
    niveau = serializers.CharField()


class BeroepSkillSerializer(serializers.Serializer):
    skill = serializers.IntegerField(source="skill_id")
    label = serializers.CharField(source="skill.label_nl")
    essential = serializers.BooleanField()


class FitSerializer(serializers.Serializer):
    brought = BeroepSkillSerializer(many=True)
    to_learn = BeroepSkillSerializer(many=True)


class RouteSerializer(serializers.Serializer):
    title = serializers.CharField()
    opleider = serializers.CharField()
    weeks = serializers.IntegerField(allow_null=True)
    weekly_hours = serializers.IntegerField()
    next_start = serializers.DateField(allow_null=True)


class NormSerializer(serializers.Serializer):
    label = serializers.CharField()
    cost_min = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    cost_max = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    duration = serializers.CharField()
    certain = serializers.BooleanField()


class BeroepDetailSerializer(BeroepSerializer):
    work = serializers.CharField()
    wage_min = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    wage_max = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    skills = BeroepSkillSerializer(many=True)
    routes = RouteSerializer(many=True)
    norm = NormSerializer(many=True)
    events = EventOutputSerializer(many=True)
    fit = FitSerializer(allow_null=True, help_text="Alleen voor een ingelogde overstapper.")


class BeroepListApi(generics.ListAPIView):
    serializer_class = BeroepSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        query = _query(BeroepQuerySerializer, self.request)
        return selectors.beroepen(sector=query.get("sector", ""), q=query.get("q", ""))

    @extend_schema(
        operation_id="beroepen_list",
        summary="Beroepen in de tekortsectoren (openbaar)",
        parameters=[BeroepQuerySerializer],
        responses={200: BeroepSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class BeroepDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="beroepen_retrieve",
        summary="Eén beroep: werk, skills, loon, routes, norm, bijeenkomsten; `fit` voor "
        "een ingelogde overstapper",
        responses={200: BeroepDetailSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        beroep = selectors.beroep(pk=pk)
        if beroep is None:
            raise Http404
        info = selectors.beroep_info(beroep)
        payload = {
            "id": beroep.pk,
            "code": beroep.code,
            "label_nl": beroep.label_nl,
            "sector": beroep.sector,
            "niveau": beroep.niveau,
            "work": info.work if info else "",
            "wage_min": info.wage_min if info else None,
            "wage_max": info.wage_max if info else None,
            "skills": list(beroep.beroep_skills.all()),
            "routes": selectors.routes_for_sector(beroep.sector),
            "norm": selectors.norm_for_sector(beroep.sector),
            "events": list(selectors.agenda(sector=beroep.sector)[:5]),
            "fit": selectors.fit_for(beroep=beroep, user=request.user),
        }
        return Response(BeroepDetailSerializer(payload).data)


class ShortlistItemSerializer(serializers.Serializer):
    beroep = serializers.IntegerField(source="beroep_id")
    label = serializers.CharField(source="beroep.label_nl")
    sector = serializers.CharField(source="beroep.sector")
    created_at = serializers.DateTimeField()


class ShortlistInputSerializer(serializers.Serializer):
    beroep = serializers.IntegerField(min_value=1)


def _overstapper(request) -> None:
    if request.user.role != Role.OVERSTAPPER:
        raise PermissionDenied("Alleen een overstapper heeft een shortlist.")


class ShortlistApi(PaginatedListMixin, APIView):
    @extend_schema(
        operation_id="profiles_me_shortlist_list",
        summary="Mijn shortlist van beroepen (mijn coach ziet hem ook)",
        responses={200: ShortlistItemSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        _overstapper(request)
        return self.paginated_response(
            selectors.shortlist_of(user=request.user), ShortlistItemSerializer
        )

    @extend_schema(
        operation_id="profiles_me_shortlist_create",
        summary="Beroep op mijn shortlist zetten",
        request=ShortlistInputSerializer,
        responses={201: ShortlistItemSerializer, **ERRORS},
    )
    def post(self, request):
        _overstapper(request)
        data = _data(ShortlistInputSerializer, request)
        beroep = selectors.beroep(pk=data["beroep"])
        if beroep is None:
            raise exceptions.ValidationError({"beroep": ["Kies een beroep uit de verkenner."]})
        item = services.shortlist_add(user=request.user, beroep=beroep)
        return Response(ShortlistItemSerializer(item).data, status=201)


# --- Regional catalogue --------------------------------------------------------------------


class InitiativeQuerySerializer(serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all(), required=False)
    kind = serializers.ChoiceField(choices=Initiative.Kind.choices, required=False)


class InitiativeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    region = serializers.IntegerField(source="region_id", read_only=True)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Initiative.Kind.choices)
    contact = serializers.CharField(max_length=200, required=False, allow_blank=True)
    offer = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    regelingen = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )


class InitiativeListApi(generics.ListAPIView):
    serializer_class = InitiativeSerializer

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    def get_queryset(self):
        query = _query(InitiativeQuerySerializer, self.request)
        return selectors.initiatives(region=query.get("region"), kind=query.get("kind", ""))

    @extend_schema(
        operation_id="initiatives_list",
        summary="De regionale catalogus van initiatieven en opleidingen (openbaar)",
        parameters=[InitiativeQuerySerializer],
        responses={200: InitiativeSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="initiatives_create",
        summary="Initiatief toevoegen aan de catalogus van de eigen regio (loket)",
        request=InitiativeSerializer,
        responses={201: InitiativeSerializer, **ERRORS},
    )
    def post(self, request):
        data = _data(InitiativeSerializer, request)
        initiative = services.initiative_create(by=request.user, **data)
        return Response(InitiativeSerializer(initiative).data, status=201)
