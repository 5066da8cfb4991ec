from django.urls import path

from . import views

urlpatterns = [
    path("profiel/", views.profile_document, name="profile_document"),
    path("profiel/stap/skills/zoek/", views.skill_search, name="profile_skill_search"),
    path("profiel/stap/skills/toevoegen/", views.skill_add, name="profile_skill_add"),
    path(
        "profiel/stap/skills/<int:skill_id>/verwijderen/",
        views.skill_remove,
        name="profile_skill_remove",
    ),
    path("profiel/stap/ervaring/toevoegen/", views.experience_add, name="profile_experience_add"),
    path(
        "profiel/stap/ervaring/<int:experience_id>/bewerken/",
        views.experience_edit,
        name="profile_experience_edit",
    ),
    path(
        "profiel/stap/ervaring/<int:experience_id>/verwijderen/",
        views.experience_remove,
        name="profile_experience_remove",
    ),
    path("profiel/stap/<str:step>/", views.profile_step, name="profile_step"),
    path("profiel/gevoelig/", views.profile_sensitive, name="profile_sensitive"),
    path("profiel/pdf/", views.profile_pdf_download, name="profile_pdf"),
    path("profiel/delen/", views.profile_shares, name="profile_shares"),
    path("profiel/delen/coach/", views.profile_share_with_coach, name="profile_share_coach"),
    path(
        "profiel/delen/<int:share_id>/intrekken/",
        views.profile_share_revoke,
        name="profile_share_revoke",
    ),
    path("profiel/export.json", views.profile_export_json, name="profile_export_json"),
    path("profiel/export.pdf", views.profile_export_pdf, name="profile_export_pdf"),
    path("profiel/verwijderen/", views.profile_erase, name="profile_erase"),
    path("profielen/", views.shared_profiles, name="shared_profiles"),
    path("profielen/<int:profile_id>/", views.shared_profile, name="shared_profile"),
    path(
        "profielen/<int:profile_id>/skills/<int:item_id>/valideren/",
        views.shared_skill_validate,
        name="shared_skill_validate",
    ),
    path(
        "profielen/<int:profile_id>/assessments/",
        views.shared_assessment_add,
        name="shared_assessment_add",
    ),
]
