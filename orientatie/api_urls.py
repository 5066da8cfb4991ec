from django.urls import path

from . import api, groepen_api, phase_api

urlpatterns = [
    path("events/", api.EventListApi.as_view(), name="event-list"),
    path("events/<int:pk>/", api.EventDetailApi.as_view(), name="event-detail"),
    path(
        "events/<int:pk>/registrations/",
        api.RegistrationCreateApi.as_view(),
        name="event-registrations",
    ),
    path(
        "events/<int:pk>/registrations/<str:token>/",
        api.RegistrationCancelApi.as_view(),
        name="event-registration",
    ),
    path("events/<int:pk>/attendance/", api.AttendanceApi.as_view(), name="event-attendance"),
    path("beroepen/", api.BeroepListApi.as_view(), name="beroep-list"),
    path("beroepen/<int:pk>/", api.BeroepDetailApi.as_view(), name="beroep-detail"),
    path("profiles/me/shortlist/", api.ShortlistApi.as_view(), name="profile-shortlist"),
    path("initiatives/", api.InitiativeListApi.as_view(), name="initiative-list"),
    path("orientatiegroepen/", groepen_api.GroupListApi.as_view(), name="orientatiegroep-list"),
    path(
        "orientatiegroepen/<int:pk>/",
        groepen_api.GroupDetailApi.as_view(),
        name="orientatiegroep-detail",
    ),
    path(
        "orientatiegroepen/<int:pk>/sessions/",
        groepen_api.GroupSessionsApi.as_view(),
        name="orientatiegroep-sessions",
    ),
    path(
        "me/orientatiegroepen/",
        groepen_api.MyGroupsApi.as_view(),
        name="me-orientatiegroepen",
    ),
    path(
        "trajecten/<int:pk>/orientatie/",
        phase_api.TrajectOrientationApi.as_view(),
        name="traject-orientatie",
    ),
]
