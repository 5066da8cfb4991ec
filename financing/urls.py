from django.urls import path

from . import views

urlpatterns = [
    path("financiering/", views.plan_list, name="financing_list"),
    path("trajecten/<int:pk>/financiering/", views.plan_detail, name="financing_plan"),
    path("trajecten/<int:pk>/financiering/starten/", views.plan_start, name="financing_start"),
    path("trajecten/<int:pk>/financiering/bewerken/", views.plan_edit, name="financing_edit"),
    path(
        "trajecten/<int:pk>/financiering/bijdragen/nieuw/",
        views.contribution_add,
        name="financing_contribution_add",
    ),
    path(
        "trajecten/<int:pk>/financiering/bijdragen/<int:contribution_id>/",
        views.contribution_edit,
        name="financing_contribution_edit",
    ),
    path(
        "trajecten/<int:pk>/financiering/bijdragen/<int:contribution_id>/verwijderen/",
        views.contribution_delete,
        name="financing_contribution_delete",
    ),
    path(
        "trajecten/<int:pk>/financiering/subsidiewijzer/",
        views.suggestions,
        name="financing_suggestions",
    ),
    path(
        "trajecten/<int:pk>/financiering/subsidiewijzer/toevoegen/",
        views.suggestion_apply,
        name="financing_suggestion_apply",
    ),
    path("trajecten/<int:pk>/financiering/per-partij/", views.funders, name="financing_funders"),
    path("trajecten/<int:pk>/financiering/afdrukken/", views.plan_print, name="financing_print"),
    path(
        "trajecten/<int:pk>/financiering/financieringsplan.pdf",
        views.plan_pdf_download,
        name="financing_pdf",
    ),
    path("trajecten/<int:pk>/financiering/delen/", views.plan_share, name="financing_share"),
]
