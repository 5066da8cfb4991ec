from django.urls import path

from . import intervisie_views

# The traject pages themselves combine the apps: see workspace.urls.
urlpatterns = [
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
