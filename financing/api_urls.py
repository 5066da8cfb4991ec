"""API routes of the financieringsplan, included under /api/v1/ (namespace financing_api)."""

from django.urls import path

from . import api

app_name = "financing_api"

urlpatterns = [
    path("trajecten/<int:pk>/financing/", api.FinancingPlanApi.as_view(), name="plan"),
    path(
        "trajecten/<int:pk>/financing/verdict/",
        api.FinancingVerdictApi.as_view(),
        name="verdict",
    ),
    path(
        "trajecten/<int:pk>/financing/suggestions/",
        api.FinancingSuggestionsApi.as_view(),
        name="suggestions",
    ),
    path(
        "trajecten/<int:pk>/financing/contributions/",
        api.ContributionsApi.as_view(),
        name="contributions",
    ),
    path(
        "trajecten/<int:pk>/financing/contributions/<int:contribution_id>/",
        api.ContributionDetailApi.as_view(),
        name="contribution",
    ),
    path("regelingen/", api.RegelingListApi.as_view(), name="regeling-list"),
    path("parameters/", api.ParametersApi.as_view(), name="parameters"),
]
