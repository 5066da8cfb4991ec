from django.urls import path

from . import api, intake_api, intervisie_api

urlpatterns = [
    path("intake/", intake_api.IntakeListApi.as_view(), name="intake-list"),
    path(
        "trajecten/<int:pk>/assign/", intake_api.TrajectAssignApi.as_view(), name="traject-assign"
    ),
    path("trajecten/<int:pk>/notes/", api.NotesApi.as_view(), name="traject-notes"),
    path(
        "trajecten/<int:pk>/appointments/",
        api.AppointmentsApi.as_view(),
        name="traject-appointments",
    ),
    path(
        "trajecten/<int:pk>/buddies/", intervisie_api.BuddiesApi.as_view(), name="traject-buddies"
    ),
    path("buddies/<int:pk>/", intervisie_api.BuddyDetailApi.as_view(), name="buddy-detail"),
    path("intervisiegroepen/", intervisie_api.GroupsApi.as_view(), name="intervisie-list"),
    path(
        "intervisiegroepen/<int:pk>/",
        intervisie_api.GroupDetailApi.as_view(),
        name="intervisie-detail",
    ),
    path(
        "intervisiegroepen/<int:pk>/meetings/",
        intervisie_api.GroupMeetingsApi.as_view(),
        name="intervisie-meetings",
    ),
]
