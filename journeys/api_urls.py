from django.urls import path

from . import workspace_api

urlpatterns = [
    path("caseload/", workspace_api.CaseloadApi.as_view(), name="caseload-api"),
    path(
        "trajecten/<int:pk>/timeline/",
        workspace_api.TimelineApi.as_view(),
        name="traject-timeline",
    ),
    path("trajecten/<int:pk>/notes/", workspace_api.NotesApi.as_view(), name="traject-notes"),
    path(
        "trajecten/<int:pk>/appointments/",
        workspace_api.AppointmentsApi.as_view(),
        name="traject-appointments",
    ),
]
