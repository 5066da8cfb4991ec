from django.urls import path

from . import views

app_name = "latende"

urlpatterns = [
    path("verdwijnbanen/", views.verdwijnbaan_list, name="verdwijnbaan_list"),
    path("verdwijnbanen/nieuw/", views.verdwijnbaan_create, name="verdwijnbaan_create"),
    path("verdwijnbanen/<int:pk>/", views.verdwijnbaan_detail, name="verdwijnbaan"),
    path("verdwijnbanen/<int:pk>/bewerken/", views.verdwijnbaan_edit, name="verdwijnbaan_edit"),
    path("verdwijnbanen/campagnes/<int:pk>/", views.campaign_detail, name="campaign"),
    path("verdwijnbanen/campagnes/<int:pk>/toezegging/", views.pledge, name="pledge"),
    path(
        "verdwijnbanen/campagnes/<int:pk>/businesscase/",
        views.business_case,
        name="business_case",
    ),
    path("uitnodiging/", views.redeem, name="redeem"),
    path("mijn-werkgever/", views.consent, name="consent"),
]
