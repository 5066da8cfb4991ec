from django.urls import path

from . import api

urlpatterns = [
    path("caseload/", api.CaseloadApi.as_view(), name="caseload-api"),
    path(
        "trajecten/<int:pk>/timeline/",
        api.TimelineApi.as_view(),
        name="traject-timeline",
    ),
]
