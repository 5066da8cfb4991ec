from django.urls import path

from . import groepen_views, views

urlpatterns = [
    path("orientatie/agenda/", views.agenda, name="agenda"),
    path("orientatie/bijeenkomsten/<int:pk>/", views.event_detail, name="event_detail"),
    path(
        "orientatie/annuleren/<str:token>/", views.registration_cancel, name="registration_cancel"
    ),
    path("orientatie/mijn-bijeenkomsten/", views.my_events, name="my_events"),
    path(
        "orientatie/mijn-bijeenkomsten/<int:pk>/",
        views.event_attendance,
        name="event_attendance",
    ),
    path("orientatie/beroepen/", views.verkenner, name="verkenner"),
    path("orientatie/beroepen/<int:pk>/", views.beroep_detail, name="beroep_detail"),
    path(
        "orientatie/beroepen/<int:pk>/shortlist/",
        views.shortlist_toggle,
        name="shortlist_toggle",
    ),
    path("orientatie/sectoren/<slug:sector>/", views.sector_detail, name="sector_detail"),
    path("orientatie/mijn-orientatie/", views.my_orientation, name="my_orientation"),
    path(
        "orientatie/aanmeldingen/<int:pk>/koppelen/",
        views.registration_link,
        name="registration_link",
    ),
    path("orientatie/trajecten/<int:pk>/", views.traject_orientation, name="traject_orientation"),
    path("orientatie/initiatieven/", views.initiatives, name="initiatives"),
    path("orientatie/groepen/", groepen_views.group_list, name="orientatiegroep_list"),
    path(
        "orientatie/groepen/<int:pk>/",
        groepen_views.group_detail,
        name="orientatiegroep_detail",
    ),
    path(
        "orientatie/groepen/<int:pk>/bijeenkomsten/",
        groepen_views.group_session,
        name="orientatiegroep_session",
    ),
    path(
        "orientatie/groepen/<int:pk>/bijeenkomsten/<int:session_pk>/aanwezig/",
        groepen_views.group_attendance,
        name="orientatiegroep_attendance",
    ),
    path(
        "orientatie/groepen/<int:pk>/opheffen/",
        groepen_views.group_delete,
        name="orientatiegroep_delete",
    ),
]
