from django.urls import path

from . import views

urlpatterns = [
    path("vacatures/", views.vacature_list, name="vacature_list"),
    path("vacatures/nieuw/", views.vacature_create, name="vacature_create"),
    path("vacatures/<int:pk>/", views.vacature_detail, name="vacature_detail"),
    path("vacatures/<int:pk>/beheren/", views.vacature_manage, name="vacature_manage"),
    path("vacatures/<int:pk>/bewerken/", views.vacature_edit, name="vacature_edit"),
    path("vacatures/<int:pk>/skills/", views.vacature_skill_add, name="vacature_skill_add"),
    path(
        "vacatures/<int:pk>/skills/<int:skill_id>/verwijderen/",
        views.vacature_skill_remove,
        name="vacature_skill_remove",
    ),
    path("vacatures/<int:pk>/taken/", views.vacature_task_add, name="vacature_task_add"),
    path("vacatures/<int:pk>/kandidaten/", views.vacature_candidates, name="vacature_candidates"),
    path("vacatures/<int:pk>/interesse/", views.application_interest, name="application_interest"),
    path("vacatures/<int:pk>/splitsen/", views.vacature_split, name="vacature_split"),
    path("vacatures/<int:pk>/<str:action>/", views.vacature_action, name="vacature_action"),
    path("sollicitaties/<int:pk>/stap/", views.application_move, name="application_move"),
    path("sollicitaties/<int:pk>/contract/", views.contract_detail, name="contract_detail"),
    path("sollicitaties/<int:pk>/contract/aanbieden/", views.contract_offer, name="contract_offer"),
    path(
        "sollicitaties/<int:pk>/contract/ondertekenen/",
        views.contract_sign,
        name="contract_sign",
    ),
    path("sollicitaties/<int:pk>/contract.pdf", views.contract_pdf_download, name="contract_pdf"),
    path("mijn-matches/", views.my_matches, name="my_matches"),
    path("herberekeningen/", views.match_runs, name="match_runs"),
    path("herberekeningen/<int:pk>/", views.match_run_detail, name="match_run_detail"),
    path("herberekeningen/<int:pk>/annuleren/", views.match_run_cancel, name="match_run_cancel"),
]
