from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from journeys import api as journeys_api
from profiles import api as profiles_api

api_v1 = [
    path("me/", profiles_api.MeApi.as_view(), name="me"),
    path("trajecten/", journeys_api.TrajectListApi.as_view(), name="traject-list"),
    path("trajecten/<int:pk>/", journeys_api.TrajectDetailApi.as_view(), name="traject-detail"),
    path("trajecten/<int:pk>/phase/", journeys_api.TrajectPhaseApi.as_view(), name="traject-phase"),
]

admin.site.site_header = "Loopbrug beheer"
admin.site.site_title = "Loopbrug beheer"

urlpatterns = [
    # The admin uses the portal's login, so lockout and two-factor apply there too.
    path("beheer/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("beheer/", admin.site.urls),
    path("account/", include("profiles.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("", include("journeys.urls")),
]
