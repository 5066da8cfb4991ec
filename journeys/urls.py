from django.urls import path

from . import intake_views, intervisie_views

# The traject pages themselves combine the apps: see workspace.urls.
urlpatterns = [
    path("aanmeldingen/", intake_views.intake_list, name="intake_list"),
    path("aanmeldingen/<int:pk>/oppakken/", intake_views.intake_claim, name="intake_claim"),
    path("aanmeldingen/<int:pk>/toewijzen/", intake_views.intake_assign, name="intake_assign"),
    path("aanmeldingen/toestemming/", intake_views.intake_consent, name="intake_consent"),
    path(
        "trajecten/<int:pk>/doelsector/",
        intake_views.traject_target_sector,
        name="traject_target_sector",
    ),
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
