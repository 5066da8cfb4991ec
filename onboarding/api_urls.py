from django.urls import path

from . import api

app_name = "onboarding-api"

urlpatterns = [
    path("leerwerktrajecten/", api.LeerwerktrajectListApi.as_view(), name="leerwerktraject-list"),
    path(
        "leerwerktrajecten/<int:pk>/",
        api.LeerwerktrajectDetailApi.as_view(),
        name="leerwerktraject-detail",
    ),
    path(
        "leerwerktrajecten/<int:pk>/publish/",
        api.LeerwerktrajectPublishApi.as_view(),
        name="leerwerktraject-publish",
    ),
    path(
        "leerwerktrajecten/<int:pk>/modules/", api.ModuleCreateApi.as_view(), name="module-create"
    ),
    path(
        "leerwerktrajecten/<int:pk>/start-moments/",
        api.StartMomentsApi.as_view(),
        name="start-moments",
    ),
    path("inschrijvingen/", api.InschrijvingListApi.as_view(), name="inschrijving-list"),
    path(
        "inschrijvingen/<int:pk>/", api.InschrijvingDetailApi.as_view(), name="inschrijving-detail"
    ),
    path(
        "inschrijvingen/<int:pk>/validations/",
        api.ValidationCreateApi.as_view(),
        name="validation-create",
    ),
    path("inschrijvingen/<int:pk>/progress/", api.ProgressApi.as_view(), name="progress"),
    path("inschrijvingen/<int:pk>/pause/", api.PauseApi.as_view(), name="pause"),
    path("inschrijvingen/<int:pk>/resume/", api.ResumeApi.as_view(), name="resume"),
    path(
        "trajecten/<int:pk>/onboarding-plan/",
        api.OnboardingPlanApi.as_view(),
        name="onboarding-plan",
    ),
    path(
        "onboarding-items/<int:pk>/toggle/",
        api.OnboardingItemToggleApi.as_view(),
        name="onboarding-item-toggle",
    ),
    path("checkins/", api.CheckInListApi.as_view(), name="checkin-list"),
    path("checkins/<int:pk>/", api.CheckInSubmitApi.as_view(), name="checkin-submit"),
    path("alerts/", api.AlertListApi.as_view(), name="alert-list"),
    path("trajecten/<int:pk>/close/", api.TrajectCloseApi.as_view(), name="traject-close"),
]
