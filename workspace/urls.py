from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("caseload/", views.caseload, name="caseload"),
    path("trajecten/<int:pk>/", views.traject_detail, name="traject_detail"),
    path("trajecten/<int:pk>/fase/", views.traject_phase, name="traject_phase"),
    path("trajecten/<int:pk>/notities/", views.traject_note, name="traject_note"),
    path("trajecten/<int:pk>/afspraken/", views.traject_appointment, name="traject_appointment"),
    path(
        "trajecten/<int:pk>/afspraken/<int:appointment_id>/verzetten/",
        views.appointment_move,
        name="appointment_move",
    ),
    path(
        "trajecten/<int:pk>/afspraken/<int:appointment_id>/afzeggen/",
        views.appointment_cancel,
        name="appointment_cancel",
    ),
    path("afspraken/<int:pk>/agenda.ics", views.appointment_calendar, name="appointment_ics"),
    path("mijn-tijdlijn/", views.my_timeline, name="my_timeline"),
    path("signalen/", views.signals, name="signals"),
    path(
        "trajecten/<int:pk>/signalen/<slug:kind>/afhandelen/",
        views.signal_resolve,
        name="signal_resolve",
    ),
    path("signalen/<int:pk>/afhandelen/", views.alert_resolve, name="alert_resolve"),
    path("trajecten/<int:pk>/buddy/", views.buddy_link, name="buddy_link"),
    path("buddys/<int:pk>/ontkoppelen/", views.buddy_unlink, name="buddy_unlink"),
]
