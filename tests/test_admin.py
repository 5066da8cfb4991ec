"""The Django admin speaks Dutch (issue 19): every model and field of the apps has a Dutch name
(a translatable text, not one Django made from the code name), and it chooses a coach or an
organisation by searching for it, not by typing an id."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.utils.functional import Promise

from journeys.models import Traject

OUR_APPS = {
    "accounts",
    "taxonomy",
    "profiles",
    "journeys",
    "matching",
    "financing",
    "onboarding",
    "notifications",
    "reports",
    "loopbrug",
    "workspace",
    "orientatie",
    "latende",
}


def _ours():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def test_every_model_and_field_has_a_name_given_in_dutch():
    missing = []
    for model in _ours():
        for attr in ("verbose_name", "verbose_name_plural"):
            if not isinstance(getattr(model._meta, attr), Promise):
                missing.append(f"{model._meta.label}.Meta.{attr}")
        for field in model._meta.fields + model._meta.many_to_many:
            if not field.auto_created and not isinstance(field.verbose_name, Promise):
                missing.append(f"{model._meta.label}.{field.name}")
    assert not missing, missing


def test_the_admin_chooses_people_and_organisations_by_searching():
    raw = {
        f"{model._meta.label}.{name}"
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
        for name in model_admin.raw_id_fields
    }
    assert not raw, raw
    traject_admin = admin.site._registry[Traject]
    assert {"overstapper", "coach", "latende_werkgever"} <= set(traject_admin.autocomplete_fields)


def test_the_admin_changes_a_traject_in_dutch_with_a_coach_found_by_search(
    as_user, bea, annas_traject, carla, chris
):
    client = as_user(bea)
    page = client.get(f"/beheer/journeys/traject/{annas_traject.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "traject wijzigen" in body and "admin-autocomplete" in body
    found = client.get(
        "/beheer/autocomplete/",
        {"term": "Chris", "app_label": "journeys", "model_name": "traject", "field_name": "coach"},
    ).json()
    assert [r["text"] for r in found["results"]] == [str(chris)]


def test_the_admin_names_the_site_icon(as_user, bea):
    # Without it a browser asks /favicon.ico of every admin page.
    page = as_user(bea).get("/beheer/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
