from django.urls import path

from . import views

urlpatterns = [
    path("superscholing/", views.leerwerktraject_list, name="leerwerktraject_list"),
    path("superscholing/<int:pk>/", views.leerwerktraject_manage, name="leerwerktraject_manage"),
    path("superscholing/inschrijven/", views.enrol, name="enrol"),
    path("leerroutes/<int:pk>/", views.route_detail, name="route_detail"),
    path("leerroutes/<int:pk>/bijwerken/", views.route_action, name="route_action"),
    path("bewijslast/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("mijn-leerroute/", views.my_route, name="my_route"),
    path("mijn-leerroute/check-in/", views.my_checkin, name="my_checkin"),
    path("mijn-leerroute/hulplijn/", views.my_hulplijn, name="my_hulplijn"),
    path("check-in/<str:token>/", views.checkin_link, name="checkin_link"),
    path("onboarding/", views.werkgever_list, name="werkgever_onboarding"),
    path("onboarding/<int:pk>/", views.werkgever_plan, name="werkgever_plan"),
    path("onboarding/acties/<int:pk>/", views.item_toggle, name="item_toggle"),
    path("begeleiding/<int:pk>/", views.begeleiding, name="begeleiding"),
]
