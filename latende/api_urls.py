from django.urls import path

from . import api

app_name = "latende_api"

urlpatterns = [
    path("verdwijnbanen/", api.VerdwijnbaanListApi.as_view(), name="verdwijnbaan-list"),
    path("verdwijnbanen/<int:pk>/", api.VerdwijnbaanDetailApi.as_view(), name="verdwijnbaan"),
    path(
        "verdwijnbanen/<int:pk>/destinations/",
        api.VerdwijnbaanDestinationsApi.as_view(),
        name="verdwijnbaan-destinations",
    ),
    path("campaigns/", api.CampaignCreateApi.as_view(), name="campaign-create"),
    path("campaigns/<int:pk>/pledge/", api.CampaignPledgeApi.as_view(), name="campaign-pledge"),
    path(
        "campaigns/<int:pk>/business-case/",
        api.BusinessCaseApi.as_view(),
        name="campaign-business-case",
    ),
    path("campaigns/<int:pk>/", api.CampaignDetailApi.as_view(), name="campaign"),
    path("campaigns/<int:pk>/codes/", api.CampaignCodesApi.as_view(), name="campaign-codes"),
    path("invitations/redeem/", api.RedeemApi.as_view(), name="redeem"),
    path(
        "profiles/me/employer-consent/",
        api.EmployerConsentApi.as_view(),
        name="employer-consent",
    ),
]
