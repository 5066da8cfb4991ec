from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import api as accounts_api
from journeys import api as journeys_api
from loopbrug import views as loopbrug_views
from matching import api as matching_api
from profiles import api as profile_api

api_v1 = [
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("profiles/me/", profile_api.ProfileMeApi.as_view(), name="profile-me"),
    path("profiles/me/skills/", profile_api.ProfileSkillsApi.as_view(), name="profile-skills"),
    path(
        "profiles/me/skills/<int:skill_id>/",
        profile_api.ProfileSkillDeleteApi.as_view(),
        name="profile-skill",
    ),
    path(
        "profiles/me/experiences/",
        profile_api.ProfileExperiencesApi.as_view(),
        name="profile-experiences",
    ),
    path(
        "profiles/me/experiences/<int:experience_id>/",
        profile_api.ProfileExperienceDeleteApi.as_view(),
        name="profile-experience",
    ),
    path("profiles/me/shares/", profile_api.ProfileSharesApi.as_view(), name="profile-shares"),
    path(
        "profiles/me/shares/<int:share_id>/",
        profile_api.ProfileShareDeleteApi.as_view(),
        name="profile-share",
    ),
    path("profiles/me/export/", profile_api.ProfileExportApi.as_view(), name="profile-export"),
    path("profiles/me/erase/", profile_api.ProfileEraseApi.as_view(), name="profile-erase"),
    path(
        "profiles/<int:profile_id>/", profile_api.ProfileDetailApi.as_view(), name="profile-detail"
    ),
    path("skills/", profile_api.SkillSearchApi.as_view(), name="skill-search"),
    path("profiles/me/matches/", matching_api.ProfileMatchesApi.as_view(), name="profile-matches"),
    path("profiles/me/options/", matching_api.ProfileOptionsApi.as_view(), name="profile-options"),
    path("vacatures/", matching_api.VacatureListApi.as_view(), name="vacature-list"),
    path("vacatures/<int:pk>/", matching_api.VacatureDetailApi.as_view(), name="vacature-detail"),
    path(
        "vacatures/<int:pk>/publish/",
        matching_api.VacatureActionApi.as_view(action_name="publish"),
        name="vacature-publish",
    ),
    path(
        "vacatures/<int:pk>/close/",
        matching_api.VacatureActionApi.as_view(action_name="close"),
        name="vacature-close",
    ),
    path(
        "vacatures/<int:pk>/candidates/",
        matching_api.VacatureCandidatesApi.as_view(),
        name="vacature-candidates",
    ),
    path("applications/", matching_api.ApplicationsApi.as_view(), name="application-list"),
    path(
        "applications/<int:pk>/move/",
        matching_api.ApplicationMoveApi.as_view(),
        name="application-move",
    ),
    path(
        "applications/<int:pk>/contract/",
        matching_api.ApplicationContractApi.as_view(),
        name="application-contract",
    ),
    path(
        "applications/<int:pk>/contract/sign/",
        matching_api.ApplicationContractSignApi.as_view(),
        name="application-contract-sign",
    ),
    path(
        "vacatures/<int:pk>/split/",
        matching_api.VacatureSplitApi.as_view(),
        name="vacature-split",
    ),
    path("match-runs/", matching_api.MatchRunsApi.as_view(), name="match-run-list"),
    path("match-runs/<int:pk>/", matching_api.MatchRunDetailApi.as_view(), name="match-run-detail"),
    path("trajecten/", journeys_api.TrajectListApi.as_view(), name="traject-list"),
    path("trajecten/<int:pk>/", journeys_api.TrajectDetailApi.as_view(), name="traject-detail"),
    path("trajecten/<int:pk>/phase/", journeys_api.TrajectPhaseApi.as_view(), name="traject-phase"),
]

# Under /api/ even an unknown URL or a crash answers in the API's error shape.
handler400 = "loopbrug.api.bad_request"
handler404 = "loopbrug.api.page_not_found"
handler500 = "loopbrug.api.server_error"

admin.site.site_header = "Loopbrug beheer"
admin.site.site_title = "Loopbrug beheer"

urlpatterns = [
    # The admin uses the portal's login, so lockout and two-factor apply there too.
    # Someone logged in who may not use the admin gets a 403 there, not a redirect loop.
    path("beheer/login/", loopbrug_views.admin_login),
    path("beheer/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", loopbrug_views.favicon, name="favicon"),
    path("health/", loopbrug_views.health, name="health"),
    path("health/ready/", loopbrug_views.health_ready, name="health_ready"),
    path("privacy/", loopbrug_views.privacy_statement, name="privacy_statement"),
    path(
        "toegankelijkheid/",
        loopbrug_views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("contact/", loopbrug_views.contact, name="contact"),
    path("api/v1/", include("financing.api_urls")),
    path("api/v1/", include("onboarding.api_urls")),
    path("api/v1/", include("reports.api_urls")),
    path("api/v1/", include("workspace.api_urls")),
    path("api/v1/", include("journeys.api_urls")),
    path("api/v1/", include("notifications.api_urls")),
    path("api/v1/", include("orientatie.api_urls")),
    path("api/v1/", include("latende.api_urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from ?script instead of inline, and the
    # template drops the inline <style>: the docs work under the site's Content-Security-Policy.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("", include("profiles.urls")),
    path("", include("matching.urls")),
    path("", include("financing.urls")),
    path("", include("workspace.urls")),
    path("", include("journeys.urls")),
    path("", include("orientatie.urls")),
    path("", include("onboarding.urls")),
    path("", include("reports.urls")),
    path("", include("notifications.urls")),
    path("", include("latende.urls")),
]
