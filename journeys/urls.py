from django.urls import path

from . import intake_views, intervisie_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("caseload/", views.caseload, name="caseload"),
    path("aanmeldingen/", intake_views.intake_list, name="intake_list"),
    path("aanmeldingen/<int:pk>/oppakken/", intake_views.intake_claim, name="intake_claim"),
    path("aanmeldingen/<int:pk>/toewijzen/", intake_views.intake_assign, name="intake_assign"),
    path("aanmeldingen/toestemming/", intake_views.intake_consent, name="intake_consent"),
    path(
        "trajecten/<int:pk>/doelsector/",
        intake_views.traject_target_sector,
        name="traject_target_sector",
    ),
    path("trajecten/<int:pk>/", views.traject_detail, name="traject_detail"),
    path("trajecten/<int:pk>/fase/", views.traject_phase, name="traject_phase"),
    path("trajecten/<int:pk>/notities/", views.traject_note, name="traject_note"),
    path("trajecten/<int:pk>/afspraken/", views.traject_appointment, name="traject_appointment"),
    path("signalen/<int:pk>/afhandelen/", views.alert_resolve, name="alert_resolve"),
    path("trajecten/<int:pk>/buddy/", intervisie_views.buddy_link, name="buddy_link"),
    path("buddys/<int:pk>/ontkoppelen/", intervisie_views.buddy_unlink, name="buddy_unlink"),
    path("intervisie/", intervisie_views.group_list, name="intervisie_list"),
    path("intervisie/<int:pk>/", intervisie_views.group_detail, name="intervisie_detail"),
    path(
        "intervisie/<int:pk>/bijeenkomsten/",
        intervisie_views.group_meeting,
        name="intervisie_meeting",
    ),
    path(
        "intervisie/<int:pk>/verwijderen/", intervisie_views.group_delete, name="intervisie_delete"
    ),
]
