"""The voorwaardelijk contract (issue 12): the werkgever offers it with its content, the
overstapper reads and signs it in a second step, both get a PDF; and job carving is safe."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from journeys.models import Phase
from loopbrug.models import AuditEvent
from matching import selectors, services
from matching.models import Application, Contract, Vacature
from profiles.services import profile_get_or_create, profile_share_revoke
from taxonomy.models import Skill

from .factories import OrganisationFactory, UserFactory, make_traject

pytestmark = pytest.mark.django_db


def _start() -> date:
    return timezone.localdate() + timedelta(days=60)


def offer_fields(**overrides) -> dict:
    fields = {
        "function_title": "Helpende zorg en welzijn",
        "start_date": _start(),
        "hours_per_week": 28,
        "salary": Decimal("2650.50"),
        "contract_type": "tijdelijk",
        "end_date": _start() + timedelta(days=365 * 2),
        "proeftijd_months": 2,
        "conditions": "Diploma Helpende Zorg en Welzijn behaald vóór 1 september.",
    }
    return fields | overrides


def as_form(fields: dict) -> dict:
    """The same content as the contract form posts it."""
    return {
        k: ("" if v is None else v.isoformat() if isinstance(v, date) else str(v))
        for k, v in fields.items()
    }


@pytest.fixture
def vacature(wim, amsterdam):
    skill = Skill.objects.order_by("pk").first()
    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Helpende zorg",
        sector="zorg",
        region=amsterdam,
        hours_per_week=28,
        salary_min=Decimal("2300"),
        salary_max=Decimal("2800"),
        skills=[(skill, 3, True)],
    )
    return services.vacature_publish(vacature=vacature, by=wim)


@pytest.fixture
def traject(anna, carla, amsterdam):
    return make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)


@pytest.fixture
def selected(anna, wim, traject, vacature) -> Application:
    """Anna, after her meeloopdag, selected by wim: the next step is the contract."""
    profile = profile_get_or_create(user=anna)
    application = services.application_show_interest(profile=profile, vacature=vacature, by=anna)
    services.application_move(
        application=application,
        to_status="meeloopdag",
        by=wim,
        meeloopdag_on=timezone.localdate(),
        meeloopdag_days=1,
    )
    return services.application_move(application=application, to_status="selectie", by=wim)


@pytest.fixture
def offered(selected, wim) -> Contract:
    return services.contract_offer(application=selected, by=wim, **offer_fields())


def errors(response) -> list[str]:
    return re.findall(
        r"<li>([^<]*)</li>|alert--error[^>]*>\s*<p[^>]*>([^<]*)", response.content.decode()
    )


def snapshot(application: Application) -> tuple:
    application.refresh_from_db()
    contract = Contract.objects.filter(application=application).values().first()
    return application.status, application.contract_signed_at, contract


# --- Offering ------------------------------------------------------------------------------


def test_an_offer_holds_the_content_and_moves_the_candidate_to_contract(selected, wim):
    contract = services.contract_offer(application=selected, by=wim, **offer_fields())
    selected.refresh_from_db()
    assert selected.status == "contract"
    assert selected.contract_conditions.startswith("Diploma Helpende")
    assert contract.werkgever == wim.organisation
    assert contract.offered_by == wim and contract.signed_at is None
    assert contract.salary == Decimal("2650.50")
    assert [e.to_status for e in selected.events.all()][-1] == "contract"
    assert AuditEvent.objects.filter(action="contract.offer", object_id=str(contract.pk)).exists()


def test_a_vast_contract_has_no_end_date(selected, wim):
    contract = services.contract_offer(
        application=selected, by=wim, **offer_fields(contract_type="vast", end_date=None)
    )
    assert contract.contract_type == "vast" and contract.end_date is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": _start() - timedelta(days=1)}, "end_date", "na de eerste werkdag"),
        ({"end_date": _start()}, "end_date", "na de eerste werkdag"),
        ({"end_date": None}, "end_date", "einddatum"),
        ({"contract_type": "vast"}, "end_date", "geen einddatum"),
        ({"salary": Decimal("0")}, "salary", "hoger zijn dan € 0"),
        ({"salary": Decimal("-100")}, "salary", "hoger zijn dan € 0"),
        ({"hours_per_week": 0}, "hours_per_week", "1 tot en met 40"),
        ({"hours_per_week": 41}, "hours_per_week", "1 tot en met 40"),
        ({"proeftijd_months": 3}, "proeftijd_months", "hooguit 2 maanden"),
        (
            {"contract_type": "vast", "end_date": None, "proeftijd_months": 3},
            "proeftijd_months",
            "hooguit 2 maanden",
        ),
        # BW 7:652: a temporary contract under two years has at most one month.
        ({"end_date": _start() + timedelta(days=300)}, "proeftijd_months", "hooguit 1 maand"),
        ({"end_date": _start() + timedelta(days=120)}, "proeftijd_months", "geen proeftijd"),
        ({"conditions": "  "}, "conditions", "Schrijf de voorwaarden op"),
        ({"function_title": ""}, "function_title", "Vul de functie in"),
        ({"contract_type": "freelance"}, "contract_type", "vast of tijdelijk"),
    ],
)
def test_bad_content_is_refused_with_a_clear_message_and_changes_nothing(
    selected, wim, overrides, field, message
):
    before = snapshot(selected)
    with pytest.raises(ValidationError) as error:
        services.contract_offer(application=selected, by=wim, **offer_fields(**overrides))
    assert field in error.value.message_dict, error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
    assert snapshot(selected) == before


def test_the_proeftijd_follows_the_length_of_a_temporary_contract(selected, wim):
    # Exactly two years (the end date is the last working day): two months may.
    start = date(2031, 3, 1)
    contract = services.contract_offer(
        application=selected,
        by=wim,
        **offer_fields(start_date=start, end_date=date(2033, 2, 28), proeftijd_months=2),
    )
    assert contract.proeftijd_limit == 2


def test_only_the_werkgever_of_the_vacature_offers_and_only_once(
    selected, wim, carla, anna, offered
):
    other_werkgever = UserFactory(role="werkgever", organisation=OrganisationFactory(name="Ander"))
    for outsider in (other_werkgever, carla, anna):
        with pytest.raises(PermissionDenied):
            services.contract_offer(application=selected, by=outsider, **offer_fields())
    before = snapshot(selected)
    with pytest.raises(ValidationError, match="al een contract"):
        services.contract_offer(application=selected, by=wim, **offer_fields(salary=Decimal(9)))
    assert snapshot(selected) == before


def test_an_offer_before_the_selection_is_refused(anna, wim, traject, vacature):
    application = services.application_show_interest(
        profile=profile_get_or_create(user=anna), vacature=vacature, by=anna
    )
    with pytest.raises(ValidationError, match="na de selectie"):
        services.contract_offer(application=application, by=wim, **offer_fields())
    assert not Contract.objects.exists()


def test_an_offer_needs_the_profile_still_shared(selected, wim, anna):
    share = selected.profile.shares.get(grantee=wim)
    profile_share_revoke(share=share, by=anna)
    with pytest.raises(PermissionDenied, match="gedeeld"):
        services.contract_offer(application=selected, by=wim, **offer_fields())
    assert not Contract.objects.exists()


def test_an_offer_made_before_contracts_had_content_gets_it_now(selected, wim):
    services.application_move(application=selected, to_status="contract", by=wim, conditions="X")
    contract = services.contract_offer(application=selected, by=wim, **offer_fields())
    selected.refresh_from_db()
    assert selected.status == "contract" and contract.conditions.startswith("Diploma")
    assert selected.contract_conditions == contract.conditions


def test_the_pipeline_form_cannot_skip_the_content(selected, wim, anna, offered):
    with pytest.raises(ValidationError, match="contractformulier"):
        services.pipeline_step(application=selected, to_status="contract", by=wim)
    with pytest.raises(ValidationError, match="contractpagina"):
        services.pipeline_step(application=selected, to_status="getekend", by=anna)
    selected.refresh_from_db()
    assert selected.status == "contract"


# --- Signing -------------------------------------------------------------------------------


def test_signing_moves_the_application_and_the_traject(offered, anna, traject):
    contract = services.contract_sign(contract=offered, by=anna)
    application = contract.application
    application.refresh_from_db()
    assert application.status == "getekend"
    assert contract.signed_by == anna and contract.signed_at == application.contract_signed_at
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT
    change = traject.phase_changes.order_by("-pk").first()
    assert change.to_phase == Phase.LEERWERKTRAJECT
    assert selectors.signed_contract_for(overstapper_id=anna.pk) == contract


def test_signing_twice_is_refused_and_changes_nothing(offered, anna):
    services.contract_sign(contract=offered, by=anna)
    before = snapshot(offered.application)
    with pytest.raises(ValidationError, match="al ondertekend"):
        services.contract_sign(contract=offered, by=anna)
    assert snapshot(offered.application) == before


def test_someone_else_cannot_sign(offered, wim, carla, otto):
    before = snapshot(offered.application)
    for other in (wim, carla, otto):
        with pytest.raises(PermissionDenied, match="kandidaat zelf"):
            services.contract_sign(contract=offered, by=other)
    assert snapshot(offered.application) == before


def test_a_withdrawn_offer_cannot_be_signed(offered, wim, anna):
    services.application_move(
        application=offered.application, to_status="afgewezen", by=wim, note="Vacature vervalt"
    )
    with pytest.raises(ValidationError, match="geldt niet meer"):
        services.contract_sign(contract=offered, by=anna)
    offered.refresh_from_db()
    assert offered.signed_at is None


def test_signed_contract_for_gives_the_latest_signed_one_or_none(offered, anna, otto):
    assert selectors.signed_contract_for(overstapper_id=anna.pk) is None
    services.contract_sign(contract=offered, by=anna)
    found = selectors.signed_contract_for(overstapper_id=anna.pk)
    assert (found.contract_type, found.end_date) == ("tijdelijk", offered.end_date)
    assert selectors.signed_contract_for(overstapper_id=otto.pk) is None


def test_the_contract_reads_in_plain_dutch(offered):
    rows = dict(
        selectors.contract_rows(
            selectors.contract_for_application(application_id=offered.application_id)
        )
    )
    assert rows["Salaris"] == "€ 2.650,50 bruto per maand"
    assert rows["Uren per week"] == "28 uur per week"
    assert rows["Soort contract"].startswith("Tijdelijk: van ")
    assert rows["Proeftijd"].startswith("2 maanden.")
    assert rows["Ondertekend"] == "Nog niet ondertekend."


# --- Job carving -----------------------------------------------------------------------------


def _with_levels(vacature, wim):
    return services.vacature_save(
        by=wim,
        vacature=vacature,
        tasks=[("Cliënten helpen", "mbo2"), ("Zorgplan maken", "mbo4"), ("Teamleiding", "hbo")],
    )


def test_a_vacature_without_candidates_splits_at_once_and_the_copies_say_so(vacature, wim):
    _with_levels(vacature, wim)
    copies = services.vacature_split_by_level(vacature=vacature, by=wim)
    assert [c.niveau for c in copies] == ["mbo4", "hbo"]
    for copy in copies:
        assert copy.split_from == vacature
        assert copy.description.startswith("Gesplitst uit 'Helpende zorg'")
        assert copy.status == Vacature.Status.CONCEPT
    vacature.refresh_from_db()
    assert vacature.niveau == "mbo2"
    assert [t.description for t in vacature.tasks.all()] == ["Cliënten helpen"]


def test_a_vacature_with_candidates_asks_for_confirmation_first(vacature, wim, offered, anna):
    services.contract_sign(contract=offered, by=anna)
    _with_levels(vacature, wim)
    vacature.refresh_from_db()
    before = (
        vacature.niveau,
        vacature.updated_at,
        list(vacature.tasks.values_list("pk", "vacature_id")),
    )
    with pytest.raises(services.ConfirmationRequired) as error:
        services.vacature_split_by_level(vacature=vacature, by=wim)
    assert "1 kandidaat en 1 getekend contract" in error.value.message
    vacature.refresh_from_db()
    after = (
        vacature.niveau,
        vacature.updated_at,
        list(vacature.tasks.values_list("pk", "vacature_id")),
    )
    assert after == before
    assert Vacature.objects.count() == 1

    copies = services.vacature_split_by_level(vacature=vacature, by=wim, confirm=True)
    assert len(copies) == 2
    offered.refresh_from_db()
    assert offered.application.vacature_id == vacature.pk  # the candidate stays with the original
    assert offered.function_title == "Helpende zorg en welzijn"  # the contract is untouched


def test_a_closed_vacature_is_not_split(vacature, wim):
    _with_levels(vacature, wim)
    services.vacature_close(vacature=vacature, by=wim)
    with pytest.raises(ValidationError, match="gesloten"):
        services.vacature_split_by_level(vacature=vacature, by=wim, confirm=True)


# --- Pages -----------------------------------------------------------------------------------


def test_the_werkgever_offers_through_the_form_on_the_candidates_page(as_user, wim, selected):
    client = as_user(wim)
    page = client.get(f"/vacatures/{selected.vacature_id}/kandidaten/").content.decode()
    offer_url = f"/sollicitaties/{selected.pk}/contract/aanbieden/"
    assert f'hx-get="{offer_url}"' in page and f'href="{offer_url}"' in page
    assert 'value="contract"' not in page  # the plain move form no longer offers it
    partial = client.get(
        offer_url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET=f"contract-form-{selected.pk}"
    ).content.decode()
    assert partial.lstrip().startswith(f'<div id="contract-form-{selected.pk}">')
    assert 'value="Helpende zorg"' in partial  # the vacature's facts as a start

    bad = client.post(offer_url, as_form(offer_fields(end_date=_start() - timedelta(days=3))))
    assert bad.status_code == 200
    assert "De einddatum moet na de eerste werkdag liggen." in bad.content.decode()
    assert not Contract.objects.exists()

    response = client.post(offer_url, as_form(offer_fields(salary="2650,50")))
    assert response.status_code == 302, errors(response)
    contract = Contract.objects.get()
    assert contract.salary == Decimal("2650.50")
    assert response["Location"] == f"/sollicitaties/{selected.pk}/contract/"
    # A second offer is not possible: the form leads to the contract.
    assert client.get(offer_url)["Location"] == f"/sollicitaties/{selected.pk}/contract/"


def test_the_overstapper_reads_every_field_and_signs_in_a_second_step(as_user, anna, offered):
    client = as_user(anna)
    url = f"/sollicitaties/{offered.application_id}/contract/"
    matches = client.get("/mijn-matches/").content.decode()
    assert f'href="{url}"' in matches and "Contract lezen en ondertekenen" in matches
    page = client.get(url).content.decode()
    for text in (
        "Helpende zorg en welzijn",
        "Zorggroep",
        "€ 2.650,50 bruto per maand",
        "28 uur per week",
        "Tijdelijk: van",
        "2 maanden.",
        "Diploma Helpende Zorg en Welzijn",
        "Ik heb het contract gelezen",
        "Ondertekenen",
    ):
        assert text in page, text

    sign = f"/sollicitaties/{offered.application_id}/contract/ondertekenen/"
    unread = client.post(sign, {})
    assert "Vink aan dat je het contract hebt gelezen" in unread.content.decode()
    offered.refresh_from_db()
    assert offered.signed_at is None

    done = client.post(sign, {"read": "on"}, follow=True).content.decode()
    assert "Je hebt dit contract op" in done and "ondertekend" in done
    assert "Ik heb het contract gelezen" not in done
    again = client.post(sign, {"read": "on"}, follow=True).content.decode()
    assert "Je hebt dit contract al ondertekend op" in again


def test_both_sides_download_the_pdf_and_nobody_else(as_user, anna, wim, carla, otto, offered):
    url = f"/sollicitaties/{offered.application_id}/contract.pdf"
    for user in (anna, wim):
        response = as_user(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    other_werkgever = UserFactory(role="werkgever", organisation=OrganisationFactory(name="Ander"))
    for user in (carla, otto, other_werkgever):
        assert as_user(user).get(url).status_code == 404
        assert as_user(user).get(url.replace("contract.pdf", "contract/")).status_code == 404


def test_a_werkgever_cannot_sign_and_a_stranger_cannot_offer(as_user, wim, otto, offered, selected):
    sign = f"/sollicitaties/{offered.application_id}/contract/ondertekenen/"
    assert as_user(wim).post(sign, {"read": "on"}).status_code == 403
    assert as_user(otto).post(sign, {"read": "on"}).status_code == 404
    offered.refresh_from_db()
    assert offered.signed_at is None


def test_splitting_a_vacature_with_candidates_asks_first_on_the_page(
    as_user, wim, vacature, selected
):
    _with_levels(vacature, wim)
    client = as_user(wim)
    url = f"/vacatures/{vacature.pk}/splitsen/"
    assert f'action="{url}"' in client.get(f"/vacatures/{vacature.pk}/beheren/").content.decode()
    asked = client.post(url)  # the button on the manage page
    assert asked["Location"] == url
    assert Vacature.objects.count() == 1
    page = client.get(url).content.decode()
    assert "Op deze vacature staan 1 kandidaat." in page
    assert "Zorgplan maken (mbo 4 (NLQF 4))" in page
    unticked = client.post(url, {"step": "confirm"}).content.decode()
    assert "Bevestig dat je de vacature wilt splitsen." in unticked
    assert Vacature.objects.count() == 1
    response = client.post(url, {"step": "confirm", "confirm": "on"})
    assert response["Location"] == f"/vacatures/{vacature.pk}/beheren/"
    assert Vacature.objects.count() == 3
    copy = Vacature.objects.get(niveau="hbo")
    page = client.get(f"/vacatures/{copy.pk}/beheren/").content.decode()
    assert "Gesplitst uit" in page


# --- API -------------------------------------------------------------------------------------


def api_post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_api_offers_reads_and_signs(as_user, anna, wim, selected, traject):
    url = f"/api/v1/applications/{selected.pk}/contract/"
    werkgever, candidate = as_user(wim), as_user(anna)
    missing = werkgever.get(url)
    assert missing.status_code == 404

    body = {k: v for k, v in as_form(offer_fields()).items()}
    bad = api_post(werkgever, url, body | {"end_date": body["start_date"]})
    assert bad.status_code == 400
    assert bad.json()["message"] == "De einddatum moet na de eerste werkdag liggen."
    assert "end_date" in bad.json()["extra"]["fields"]
    assert api_post(werkgever, url, body | {"hours_per_week": 41}).json()["message"] == (
        "Het aantal uren per week is 1 tot en met 40."
    )
    assert api_post(werkgever, url, body | {"salary": "0"}).status_code == 400
    assert api_post(werkgever, url, body | {"proeftijd_months": 3}).status_code == 400
    assert api_post(werkgever, url, body | {"contract_type": "tijdelijk", "end_date": None}).json()[
        "message"
    ] == ("Geef bij een tijdelijk contract de einddatum.")
    assert api_post(candidate, url, body).status_code == 403
    assert not Contract.objects.exists()

    created = api_post(werkgever, url, body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["salary"] == "2650.50" and data["contract_type"] == "tijdelijk"
    assert data["werkgever"] == "Zorggroep" and data["is_signed"] is False
    assert api_post(werkgever, url, body).status_code == 400  # only once
    assert candidate.get(url).json()["function_title"] == "Helpende zorg en welzijn"

    sign = f"/api/v1/applications/{selected.pk}/contract/sign/"
    assert api_post(werkgever, sign, {"read": True}).status_code == 403
    unread = api_post(candidate, sign, {"read": False})
    assert unread.status_code == 400 and "gelezen" in unread.json()["message"]
    assert api_post(candidate, sign, {}).status_code == 400
    signed = api_post(candidate, sign, {"read": True})
    assert signed.status_code == 200 and signed.json()["is_signed"] is True
    twice = api_post(candidate, sign, {"read": True})
    assert twice.status_code == 400 and "al ondertekend" in twice.json()["message"]
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT


def test_the_api_hides_the_contract_from_others(as_user, carla, otto, offered):
    url = f"/api/v1/applications/{offered.application_id}/contract/"
    for user in (carla, otto):
        assert as_user(user).get(url).status_code == 404
        assert api_post(as_user(user), url + "sign/", {"read": True}).status_code == 404


def test_the_move_api_no_longer_skips_the_content(as_user, wim, anna, selected):
    url = f"/api/v1/applications/{selected.pk}/move/"
    response = api_post(as_user(wim), url, {"to_status": "contract", "conditions": "Diploma"})
    assert response.status_code == 400 and "inhoud" in response.json()["message"]
    selected.refresh_from_db()
    assert selected.status == "selectie"


def test_the_split_api_answers_409_without_confirmation(as_user, wim, vacature, selected):
    _with_levels(vacature, wim)
    url = f"/api/v1/vacatures/{vacature.pk}/split/"
    client = as_user(wim)
    refused = api_post(client, url, {})
    assert refused.status_code == 409
    assert refused.json() == {
        "message": refused.json()["message"],
        "extra": {"applications": 1, "signed_contracts": 0},
    }
    assert "1 kandidaat" in refused.json()["message"]
    assert Vacature.objects.count() == 1
    assert api_post(client, url, {"confirm": False}).status_code == 409
    done = api_post(client, url, {"confirm": True})
    assert done.status_code == 201
    assert [v["niveau"] for v in done.json()] == ["mbo4", "hbo"]
    assert done.json()[0]["description"].startswith("Gesplitst uit 'Helpende zorg'")
