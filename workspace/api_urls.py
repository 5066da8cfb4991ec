from django.urls import path

from . import api

urlpatterns = [
    path(
        "trajecten/<int:pk>/appointments/<int:appointment_id>/",
        api.AppointmentDetailApi.as_view(),
        name="traject-appointment",
    ),
    path("me/dashboard/", api.MyDashboardApi.as_view(), name="me-dashboard"),
    path("me/timeline/", api.MyTimelineApi.as_view(), name="me-timeline"),
    path("caseload/", api.CaseloadApi.as_view(), name="caseload-api"),
    path(
        "trajecten/<int:pk>/timeline/",
        api.TimelineApi.as_view(),
        name="traject-timeline",
    ),
]
