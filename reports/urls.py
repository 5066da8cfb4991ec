from django.urls import path

from . import views

urlpatterns = [
    path("rapportages/", views.report_index, name="report_index"),
    path("rapportages/<int:pk>/", views.report_detail, name="report_detail"),
    path("rapportages/<int:pk>/download/<str:fmt>/", views.report_download, name="report_download"),
]
