from django.urls import path

from . import api

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
]
