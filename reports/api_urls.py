from django.urls import path

from . import api

urlpatterns = [
    path("reports/", api.ReportRunsApi.as_view(), name="report-list"),
    path("reports/<int:pk>/", api.ReportRunDetailApi.as_view(), name="report-detail"),
    path(
        "reports/<int:pk>/download/<str:fmt>/",
        api.ReportRunDownloadApi.as_view(),
        name="report-download",
    ),
]
