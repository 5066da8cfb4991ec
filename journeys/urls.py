from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("caseload/", views.caseload, name="caseload"),
    path("trajecten/<int:pk>/", views.traject_detail, name="traject_detail"),
    path("trajecten/<int:pk>/fase/", views.traject_phase, name="traject_phase"),
]
