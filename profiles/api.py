"""API for the Persoonlijk Profiel: the owner's own profile and its parts, shares, someone
else's view (with a share), skill search, export and erasure."""

from __future__ import annotations

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, Sector
from loopbrug.api import ERROR_RESPONSES, ErrorSerializer
from loopbrug.pagination import PaginatedListMixin
from taxonomy import selectors as taxonomy_selectors
from taxonomy.models import Beroep, Drijfveer, Niveau, Skill, Talent

from . import selectors, services
from .access import profile_get_for_user, viewer_sees_finances
from .exports import profile_export_data
from .models import SKILL_LEVELS, EvidenceType, Experience, Profile, ProfileShare
from .wendbaarheid import STATEMENTS

ERRORS = ERROR_RESPONSES


def _owner_profile(request) -> Profile:
    if request.user.role != Role.OVERSTAPPER:
        raise PermissionDenied("Alleen overstappers hebben een Persoonlijk Profiel.")
    return selectors.profile_for_owner(user=request.user)


class SkillOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["id", "code", "label_nl", "label_en", "kind"]


class ProfileSkillOutputSerializer(serializers.Serializer):
    skill = SkillOutputSerializer()
    level = serializers.IntegerField()
    evidence_type = serializers.CharField()
    evidence_note = serializers.CharField()
    validated_at = serializers.DateTimeField(allow_null=True)


class ExperienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Experience
        fields = ["id", "kind", "title", "organisation", "start_year", "end_year", "description"]
        read_only_fields = ["id"]


class AssessmentOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    taken_on = serializers.DateField()
    result = serializers.CharField()


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    full_name = serializers.CharField(source="user.full_name")
    progress = serializers.IntegerField()
    completed_steps = serializers.ListField(child=serializers.CharField())
    talents = serializers.SerializerMethodField()
    talents_own_words = serializers.CharField()
    skills = ProfileSkillOutputSerializer(source="profile_skills", many=True)
    drijfveren = serializers.SerializerMethodField()
    wendbaarheid_answers = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    wendbaarheid_score = serializers.IntegerField(allow_null=True)
    niveau = serializers.CharField()
    niveau_basis = serializers.CharField()
    niveau_evidence = serializers.CharField()
    ambition = serializers.CharField()
    motivation = serializers.CharField()
    target_sectors = serializers.ListField(child=serializers.CharField())
    target_beroepen = serializers.SerializerMethodField()
    min_net_income = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    hours_per_week = serializers.IntegerField(allow_null=True)
    proud_of = serializers.CharField()
    experiences = ExperienceSerializer(many=True)
    assessments = AssessmentOutputSerializer(many=True)

    def get_drijfveren(self, profile) -> list[str]:
        return [d.drijfveer.code for d in profile.ranked_drijfveren.all()]

    def get_talents(self, profile) -> list[str]:
        return [t.code for t in profile.talents.all()]

    def get_target_beroepen(self, profile) -> list[str]:
        return [b.code for b in profile.target_beroepen.all()]


class ProfilePatchInputSerializer(serializers.Serializer):
    """Every field is optional; a given field replaces that part of the profile."""

    talents = serializers.SlugRelatedField(
        slug_field="code", queryset=Talent.objects.all(), many=True, required=False
    )
    talents_own_words = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    drijfveren = serializers.SlugRelatedField(
        slug_field="code", queryset=Drijfveer.objects.all(), many=True, required=False
    )
    wendbaarheid_answers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=5, allow_null=True),
        min_length=len(STATEMENTS),
        max_length=len(STATEMENTS),
        required=False,
    )
    niveau = serializers.ChoiceField(choices=Niveau.choices, allow_blank=True, required=False)
    niveau_basis = serializers.ChoiceField(
        choices=["diploma", "informeel"], allow_blank=True, required=False
    )
    niveau_evidence = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    ambition = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    motivation = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    target_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=Sector.choices), required=False
    )
    target_beroepen = serializers.SlugRelatedField(
        slug_field="code", queryset=Beroep.objects.all(), many=True, required=False
    )
    min_net_income = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=0,
        max_value=100_000,
        allow_null=True,
        required=False,
    )
    hours_per_week = serializers.IntegerField(
        min_value=1, max_value=60, allow_null=True, required=False
    )
    proud_of = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text=(
            "De versie van het profiel die je ophaalde. Heeft iemand anders het profiel intussen "
            "opgeslagen, dan volgt 409 en blijft alles zoals het was."
        ),
    )


def _apply_patch(profile: Profile, data: dict) -> None:
    """Route each part of a PATCH to the service of its bouwsteen."""
    if {"talents", "talents_own_words"} & data.keys():
        services.profile_save_talenten(
            profile=profile,
            talents=data.get("talents", list(profile.talents.all())),
            own_words=data.get("talents_own_words", profile.talents_own_words),
        )
    if "drijfveren" in data:
        services.profile_save_drijfveren(profile=profile, ranked=data["drijfveren"])
    if "wendbaarheid_answers" in data:
        services.profile_save_wendbaarheid(profile=profile, answers=data["wendbaarheid_answers"])
    if {"niveau", "niveau_basis", "niveau_evidence"} & data.keys():
        services.profile_save_niveau(
            profile=profile,
            niveau=data.get("niveau", profile.niveau),
            basis=data.get("niveau_basis", profile.niveau_basis),
            evidence=data.get("niveau_evidence", profile.niveau_evidence),
        )
    doel = {
        "ambition",
        "motivation",
        "target_sectors",
        "target_beroepen",
        "min_net_income",
        "hours_per_week",
    }
    if doel & data.keys():
        services.profile_save_doel(
            profile=profile,
            ambition=data.get("ambition", profile.ambition),
            motivation=data.get("motivation", profile.motivation),
            target_sectors=data.get("target_sectors", profile.target_sectors),
            target_beroepen=data.get("target_beroepen", list(profile.target_beroepen.all())),
            min_net_income=data.get("min_net_income", profile.min_net_income),
            hours_per_week=data.get("hours_per_week", profile.hours_per_week),
        )
    if "proud_of" in data:
        services.profile_save_proud_of(profile=profile, proud_of=data["proud_of"])


class ProfileMeApi(APIView):
    @extend_schema(
        summary="Mijn Persoonlijk Profiel", responses={200: ProfileOutputSerializer, **ERRORS}
    )
    def get(self, request):
        return Response(ProfileOutputSerializer(_owner_profile(request)).data)

    @extend_schema(
        summary="Mijn profiel (deels) bijwerken",
        request=ProfilePatchInputSerializer,
        responses={200: ProfileOutputSerializer, **ERRORS, 409: ErrorSerializer},
    )
    def patch(self, request):
        profile = _owner_profile(request)
        serializer = ProfilePatchInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        from django.db import transaction

        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        try:
            with transaction.atomic():
                # One check for the whole PATCH: its parts are saved one after the other.
                services.profile_lock(profile=profile, version=version)
                _apply_patch(profile, data)
        except services.StaleProfile as stale:
            return Response(
                {"message": stale.message, "extra": {"current_version": stale.current_version}},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            ProfileOutputSerializer(selectors.profile_for_owner(user=request.user)).data
        )


class ProfileSkillInputSerializer(serializers.Serializer):
    skill = serializers.PrimaryKeyRelatedField(
        queryset=Skill.objects.all(),
        error_messages={"does_not_exist": "Onbekende skill: {pk_value}."},
    )
    level = serializers.ChoiceField(
        choices=[value for value, _label in SKILL_LEVELS],
        error_messages={"invalid_choice": "Een niveau is 1, 2, 3, 4 of 5."},
    )
    evidence_type = serializers.ChoiceField(choices=EvidenceType.choices, default=EvidenceType.ZELF)
    evidence_note = serializers.CharField(max_length=500, allow_blank=True, default="")


class ProfileSkillsApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Mijn skills", responses={200: ProfileSkillOutputSerializer(many=True), **ERRORS}
    )
    def get(self, request):
        profile = _owner_profile(request)
        return self.paginated_response(profile.profile_skills.all(), ProfileSkillOutputSerializer)

    @extend_schema(
        summary="Skill toevoegen of wijzigen",
        request=ProfileSkillInputSerializer,
        responses={201: ProfileSkillOutputSerializer, **ERRORS},
    )
    def post(self, request):
        profile = _owner_profile(request)
        serializer = ProfileSkillInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.profile_skill_upsert(profile=profile, **serializer.validated_data)
        return Response(ProfileSkillOutputSerializer(item).data, status=status.HTTP_201_CREATED)


class ProfileSkillDeleteApi(APIView):
    @extend_schema(summary="Skill uit mijn profiel halen", responses={204: None, **ERRORS})
    def delete(self, request, skill_id: int):
        services.profile_skill_remove(profile=_owner_profile(request), skill_id=skill_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileExperiencesApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Mijn ervaring", responses={200: ExperienceSerializer(many=True), **ERRORS}
    )
    def get(self, request):
        return self.paginated_response(
            _owner_profile(request).experiences.all(), ExperienceSerializer
        )

    @extend_schema(
        summary="Ervaring toevoegen",
        request=ExperienceSerializer,
        responses={201: ExperienceSerializer, **ERRORS},
    )
    def post(self, request):
        profile = _owner_profile(request)
        serializer = ExperienceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        experience = services.profile_experience_add(profile=profile, **serializer.validated_data)
        return Response(ExperienceSerializer(experience).data, status=status.HTTP_201_CREATED)


class ProfileExperienceDeleteApi(APIView):
    """One experience entry of my profile: change it (PATCH) or remove it (DELETE)."""

    @extend_schema(
        summary="Ervaring wijzigen",
        request=ExperienceSerializer,
        responses={200: ExperienceSerializer, **ERRORS},
    )
    def patch(self, request, experience_id: int):
        profile = _owner_profile(request)
        serializer = ExperienceSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        experience = services.profile_experience_update(
            profile=profile, experience_id=experience_id, **serializer.validated_data
        )
        return Response(ExperienceSerializer(experience).data)

    @extend_schema(summary="Ervaring verwijderen", responses={204: None, **ERRORS})
    def delete(self, request, experience_id: int):
        services.profile_experience_remove(
            profile=_owner_profile(request), experience_id=experience_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ShareOutputSerializer(serializers.ModelSerializer):
    grantee = serializers.CharField(source="grantee.full_name")
    active = serializers.SerializerMethodField()

    class Meta:
        model = ProfileShare
        fields = [
            "id",
            "grantee",
            "purpose",
            "vacature",
            "created_at",
            "expires_at",
            "revoked_at",
            "active",
        ]

    def get_active(self, share) -> bool:
        return share.is_active()


class ShareInputSerializer(serializers.Serializer):
    grantee_email = serializers.EmailField()
    purpose = serializers.ChoiceField(choices=ProfileShare.Purpose.choices)
    vacature = serializers.CharField(max_length=200, allow_blank=True, default="")
    expires_at = serializers.DateTimeField(allow_null=True, default=None)


class ProfileSharesApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Met wie ik mijn profiel deel",
        responses={200: ShareOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        profile = _owner_profile(request)
        return self.paginated_response(
            selectors.shares_for_owner(profile=profile), ShareOutputSerializer
        )

    @extend_schema(
        summary="Mijn profiel delen",
        request=ShareInputSerializer,
        responses={201: ShareOutputSerializer, **ERRORS},
    )
    def post(self, request):
        profile = _owner_profile(request)
        serializer = ShareInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        grantee = services.share_grantee_by_email(data["grantee_email"])
        share = services.profile_share(
            profile=profile,
            grantee=grantee,
            purpose=data["purpose"],
            vacature=data["vacature"],
            expires_at=data["expires_at"],
        )
        return Response(ShareOutputSerializer(share).data, status=status.HTTP_201_CREATED)


class ProfileShareDeleteApi(APIView):
    @extend_schema(summary="Delen intrekken", responses={204: None, **ERRORS})
    def delete(self, request, share_id: int):
        profile = _owner_profile(request)
        share = get_object_or_404(ProfileShare, pk=share_id, profile=profile)
        services.profile_share_revoke(share=share, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedProfileOutputSerializer(ProfileOutputSerializer):
    """Someone else's view: min_net_income only for those who may see the financial needs
    (the coach; never a werkgever or opleider), left out for everyone else."""

    min_net_income = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        required=False,
        help_text="Alleen voor de coach; ontbreekt voor werkgevers en opleiders.",
    )

    def to_representation(self, profile):
        data = super().to_representation(profile)
        if not self.context.get("show_finances"):
            data.pop("min_net_income", None)
        return data


class ProfileDetailApi(APIView):
    @extend_schema(
        summary="Een profiel dat met mij gedeeld is",
        responses={200: SharedProfileOutputSerializer, **ERRORS},
    )
    def get(self, request, profile_id: int):
        profile, _share = profile_get_for_user(user=request.user, pk=profile_id)
        show_finances = viewer_sees_finances(viewer=request.user, profile=profile)
        return Response(
            SharedProfileOutputSerializer(profile, context={"show_finances": show_finances}).data
        )


class SkillQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=100,
        allow_blank=True,
        required=False,
        default="",
        help_text="Minstens 2 tekens; minder geeft een lege lijst.",
        error_messages={"max_length": "Zoek met hooguit 100 tekens."},
    )


class SkillSearchApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Skills zoeken",
        parameters=[SkillQuerySerializer],
        responses={200: SkillOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        query = SkillQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        # Every skill found, best first, page by page (the pages use the top 20 only).
        skills = taxonomy_selectors.skill_search(q=query.validated_data["q"], limit=None)
        return self.paginated_response(skills, SkillOutputSerializer)


class ProfileExportApi(APIView):
    @extend_schema(
        summary="Alles wat Loopbrug over mij weet",
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request):
        _owner_profile(request)
        data = profile_export_data(user=request.user)
        return Response(
            serializers.JSONField().to_representation(data), content_type="application/json"
        )


class EraseInputSerializer(serializers.Serializer):
    password = serializers.CharField()


class ProfileEraseApi(APIView):
    @extend_schema(
        summary="Mijn account en gegevens wissen",
        request=EraseInputSerializer,
        responses={204: None, **ERRORS},
    )
    def post(self, request):
        _owner_profile(request)
        serializer = EraseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not request.user.check_password(serializer.validated_data["password"]):
            raise DjangoValidationError({"password": "Dit wachtwoord klopt niet."})
        user = request.user
        if hasattr(request, "session"):
            logout(request._request)
        services.account_erase(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)
