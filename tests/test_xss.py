"""Free text is always escaped: a payload typed into every text field a person can fill is
inert on every page that shows it, for every role that may see it (issue 8, "Security").

The payload combines the three classic attacks in one value:

- ``<script>alert(1)</script>``: markup in text content;
- ``"><img src=x onerror=alert(1)>``: breaking out of an attribute;
- a leading ``javascript:alert(1)``: a value that ends up in a link or other URL.

Every field carries its own tag (``xq01`` …), so each check also proves the value is shown
where it should be: a page that silently dropped the value would prove nothing.

Which fields exist is derived from the code (every form class, every API serializer that
takes input); ``TEXT_FIELDS`` says which test submits each one, so a new text field without
coverage fails ``test_every_free_text_input_is_covered``.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import pkgutil
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms as django_forms
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from rest_framework import serializers

from accounts.models import Role, User
from journeys.models import Phase
from onboarding.models import HulplijnVraag, Inschrijving, Leeruitkomst, Leerwerktraject
from profiles.models import Profile
from taxonomy.models import Skill

from .factories import PASSWORD, OrganisationFactory, UserFactory, make_traject
from .financing_helpers import (
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    employer,
    give_contract,
    start_plan,
)
from .onboarding_helpers import enrol

pytestmark = pytest.mark.django_db

APPS = (
    "loopbrug",
    "accounts",
    "taxonomy",
    "profiles",
    "journeys",
    "orientatie",
    "matching",
    "financing",
    "onboarding",
    "workspace",
    "reports",
    "latende",
)
ROOT = Path(__file__).resolve().parent.parent


def xss(tag: str) -> str:
    """The payload for one field, marked with a tag that is unique to that field."""
    return f'javascript:alert(1)//{tag}<script>alert(1)</script>"><img src=x onerror=alert(1)>'


# --- Which text fields exist, and which test covers each --------------------------------

# (module.Class, field) -> the test below that submits it through the real page or API.
# A field that is not free text a person fills in says why instead (prefix "n/a:").
TEXT_FIELDS = {
    # Persoonlijk Profiel: wizard, sensitive data, sharing, assessments (pages and API).
    ("profiles.forms.TalentenForm", "own_words"): "test_profile_text",
    ("profiles.forms.NiveauForm", "evidence"): "test_profile_text",
    ("profiles.forms.DoelForm", "ambition"): "test_profile_text",
    ("profiles.forms.DoelForm", "motivation"): "test_profile_text",
    ("profiles.forms.ProudForm", "proud_of"): "test_profile_text",
    ("profiles.forms.ExperienceForm", "title"): "test_profile_text",
    ("profiles.forms.ExperienceForm", "organisation"): "test_profile_text",
    ("profiles.forms.ExperienceForm", "description"): "test_profile_text",
    ("profiles.forms.SkillAddForm", "evidence_note"): "test_profile_text",
    ("profiles.forms.SensitiveForm", "health"): "test_profile_text",
    ("profiles.forms.SensitiveForm", "status"): "test_profile_text",
    ("profiles.forms.ShareForm", "vacature"): "test_profile_text",
    ("profiles.forms.AssessmentForm", "name"): "test_profile_text",
    ("profiles.forms.AssessmentForm", "result"): "test_profile_text",
    ("profiles.forms.SkillSearchForm", "q"): "test_search_queries_are_echoed_inert",
    ("profiles.api.SkillQuerySerializer", "q"): "test_search_queries_are_echoed_inert",
    ("profiles.forms.EraseForm", "password"): "n/a: a password, never shown",
    ("profiles.api.ProfilePatchInputSerializer", "talents_own_words"): "test_profile_api",
    ("profiles.api.ProfilePatchInputSerializer", "niveau_evidence"): "test_profile_api",
    ("profiles.api.ProfilePatchInputSerializer", "ambition"): "test_profile_api",
    ("profiles.api.ProfilePatchInputSerializer", "motivation"): "test_profile_api",
    ("profiles.api.ProfilePatchInputSerializer", "proud_of"): "test_profile_api",
    ("profiles.api.ProfileSkillInputSerializer", "evidence_note"): "test_profile_api",
    ("profiles.api.ExperienceSerializer", "title"): "test_profile_api",
    ("profiles.api.ExperienceSerializer", "organisation"): "test_profile_api",
    ("profiles.api.ExperienceSerializer", "description"): "test_profile_api",
    ("profiles.api.ShareInputSerializer", "vacature"): "test_profile_api",
    ("profiles.api.EraseInputSerializer", "password"): "n/a: a password, never shown",
    # Accounts.
    ("accounts.forms.SignupForm", "full_name"): "test_full_name_from_signup_and_invite",
    ("accounts.forms.InviteForm", "full_name"): "test_full_name_from_signup_and_invite",
    ("accounts.forms.SignupForm", "password1"): "n/a: a password, never shown",
    ("accounts.forms.SignupForm", "password2"): "n/a: a password, never shown",
    ("accounts.forms.LoginForm", "password"): "n/a: a password, never shown",
    # Coach workspace.
    ("journeys.forms.PhaseChangeForm", "reason"): "test_coach_workspace_text",
    ("journeys.forms.NoteForm", "text"): "test_coach_workspace_text",
    ("journeys.forms.AppointmentForm", "location"): "test_coach_workspace_text",
    ("journeys.api.PhaseChangeInputSerializer", "reason"): "test_coach_workspace_text",
    ("journeys.api.NoteSerializer", "text"): "test_coach_workspace_text",
    ("journeys.api.AppointmentSerializer", "location"): "test_coach_workspace_text",
    ("workspace.forms.AppointmentMoveForm", "location"): "test_moved_appointment_text",
    ("workspace.api.AppointmentMoveSerializer", "location"): "test_moved_appointment_text",
    # Intervisiegroepen and buddies.
    ("journeys.forms.IntervisiegroepForm", "name"): "test_intervisie_and_buddy_text",
    ("journeys.forms.MeetingForm", "location"): "test_intervisie_and_buddy_text",
    ("journeys.forms.BuddyForm", "name"): "test_intervisie_and_buddy_text",
    ("journeys.intervisie_api.GroupSerializer", "name"): "test_intervisie_and_buddy_text",
    ("journeys.intervisie_api.MeetingSerializer", "location"): "test_intervisie_and_buddy_text",
    ("journeys.intervisie_api.BuddySerializer", "name"): "test_intervisie_and_buddy_text",
    # Matching.
    ("matching.forms.VacatureForm", "title"): "test_vacature_and_application_text",
    ("matching.forms.VacatureForm", "description"): "test_vacature_and_application_text",
    ("matching.forms.VacatureTaskForm", "description"): "test_vacature_and_application_text",
    ("matching.forms.ApplicationMoveForm", "note"): "test_vacature_and_application_text",
    ("matching.forms.ContractForm", "function_title"): "test_vacature_and_application_text",
    ("matching.forms.ContractForm", "conditions"): "test_vacature_and_application_text",
    ("matching.api.VacatureInputSerializer", "title"): "test_vacature_and_application_text",
    ("matching.api.VacatureInputSerializer", "description"): "test_vacature_and_application_text",
    ("matching.api.ApplicationMoveInputSerializer", "note"): "test_vacature_and_application_text",
    ("matching.api.ContractInputSerializer", "function_title"): "test_contract_api_text",
    ("matching.api.ContractInputSerializer", "conditions"): "test_contract_api_text",
    # Financing.
    ("financing.forms.PlanForm", "note_*"): "test_financing_text",
    ("financing.forms.IncomePeriodForm", "payer"): "test_financing_text",
    ("financing.forms.ContributionForm", "funder_name"): "test_financing_text",
    ("financing.forms.ContributionForm", "note"): "test_financing_text",
    ("financing.api.ContributionInputSerializer", "funder_name"): "test_financing_text",
    ("financing.api.ContributionInputSerializer", "note"): "test_financing_text",
    ("financing.api.ContributionUpdateInputSerializer", "funder_name"): "test_financing_text",
    ("financing.api.ContributionUpdateInputSerializer", "note"): "test_financing_text",
    ("financing.api.PostInputSerializer", "note"): "test_financing_text",
    ("financing.api.IncomePeriodSerializer", "payer"): "test_financing_text",
    ("financing.admin.RegelingAdminForm", "name"): "test_regeling_text_from_the_admin",
    ("financing.admin.RegelingAdminForm", "issuer"): "test_regeling_text_from_the_admin",
    ("financing.admin.RegelingAdminForm", "conditions"): "test_regeling_text_from_the_admin",
    ("financing.admin.RegelingAdminForm", "source_note"): "test_regeling_text_from_the_admin",
    # Superscholing, onboarding, nazorg.
    ("onboarding.forms.LeerwerktrajectForm", "title"): "test_onboarding_text",
    ("onboarding.forms.LeerwerktrajectForm", "description"): "test_onboarding_text",
    ("onboarding.forms.ModuleForm", "title"): "test_onboarding_text",
    ("onboarding.forms.LeeruitkomstForm", "description"): "test_onboarding_text",
    ("onboarding.forms.ValidationForm", "note"): "test_onboarding_text",
    ("onboarding.forms.PauseForm", "reason"): "test_onboarding_text",
    ("onboarding.forms.CheckInForm", "comment"): "test_onboarding_text",
    ("onboarding.forms.HulplijnForm", "question"): "test_onboarding_text",
    ("onboarding.forms.CloseForm", "text"): "test_onboarding_text",
    ("onboarding.api.LeerwerktrajectInputSerializer", "title"): "test_onboarding_api_text",
    ("onboarding.api.LeerwerktrajectInputSerializer", "description"): "test_onboarding_api_text",
    ("onboarding.api.ModuleInputSerializer", "title"): "test_onboarding_api_text",
    ("onboarding.api.ModuleInputSerializer", "leeruitkomsten[]"): "test_onboarding_api_text",
    ("onboarding.api.ValidationInputSerializer", "note"): "test_onboarding_api_text",
    ("onboarding.api.PauseInputSerializer", "reason"): "test_onboarding_api_text",
    ("onboarding.api.CheckInInputSerializer", "comment"): "test_onboarding_api_text",
    ("onboarding.api.CloseInputSerializer", "text"): "test_onboarding_api_text",
    # Oriëntatie: events, sign-ups, the verkenner's search, the regional catalogue.
    ("orientatie.forms.EventForm", "title"): "test_orientatie_text",
    ("orientatie.forms.EventForm", "description"): "test_orientatie_text",
    ("orientatie.forms.EventForm", "place"): "test_orientatie_text",
    ("orientatie.forms.EventForm", "online_url"): "test_orientatie_text",
    ("orientatie.forms.RegistrationForm", "name"): "test_orientatie_text",
    ("orientatie.forms.BeroepSearchForm", "q"): "test_orientatie_text",
    ("orientatie.forms.InitiativeForm", "name"): "test_orientatie_text",
    ("orientatie.forms.InitiativeForm", "contact"): "test_orientatie_text",
    ("orientatie.forms.InitiativeForm", "offer"): "test_orientatie_text",
    ("orientatie.api.EventInputSerializer", "title"): "test_orientatie_text",
    ("orientatie.api.EventInputSerializer", "description"): "test_orientatie_text",
    ("orientatie.api.EventInputSerializer", "place"): "test_orientatie_text",
    ("orientatie.api.EventInputSerializer", "online_url"): "test_orientatie_text",
    ("orientatie.api.EventPatchSerializer", "title"): "test_orientatie_text",
    ("orientatie.api.EventPatchSerializer", "description"): "test_orientatie_text",
    ("orientatie.api.EventPatchSerializer", "place"): "test_orientatie_text",
    ("orientatie.api.EventPatchSerializer", "online_url"): "test_orientatie_text",
    ("orientatie.api.RegistrationInputSerializer", "name"): "test_orientatie_text",
    ("orientatie.api.InitiativeSerializer", "name"): "test_orientatie_text",
    ("orientatie.api.InitiativeSerializer", "contact"): "test_orientatie_text",
    ("orientatie.api.InitiativeSerializer", "offer"): "test_orientatie_text",
    (
        "orientatie.api.InitiativeSerializer",
        "regelingen[]",
    ): "n/a: names from the regelingen catalogue; anything else is refused",
    ("orientatie.forms.OrientatiegroepForm", "name"): "test_orientatiegroep_text",
    ("orientatie.forms.GroepSessieForm", "place"): "test_orientatiegroep_text",
    ("orientatie.forms.GroepSessieForm", "online_url"): "test_orientatiegroep_text",
    ("orientatie.groepen_api.OrientatiegroepSerializer", "name"): "test_orientatiegroep_text",
    ("orientatie.groepen_api.GroepSessieSerializer", "place"): "test_orientatiegroep_text",
    ("orientatie.groepen_api.GroepSessieSerializer", "online_url"): "test_orientatiegroep_text",
    ("latende.forms.VerdwijnbaanForm", "function_title"): "test_latende_text",
    ("latende.forms.VerdwijnbaanForm", "department"): "test_latende_text",
    ("latende.forms.CampaignForm", "name"): "test_latende_text",
    ("latende.forms.RedeemForm", "code"): "test_latende_text",
    ("latende.forms.RedeemSignupForm", "code"): "test_latende_text",
    ("latende.forms.RedeemSignupForm", "full_name"): "test_latende_text",
    ("latende.forms.RedeemSignupForm", "password1"): "n/a: a password, never shown",
    ("latende.forms.RedeemSignupForm", "password2"): "n/a: a password, never shown",
    ("latende.api.VerdwijnbaanInputSerializer", "function_title"): "test_latende_text",
    ("latende.api.VerdwijnbaanInputSerializer", "department"): "test_latende_text",
    ("latende.api.CampaignInputSerializer", "name"): "test_latende_text",
    ("latende.api.RedeemInputSerializer", "code"): "test_latende_text",
}

PASSWORD_FIELDS = {k for k, v in TEXT_FIELDS.items() if v.startswith("n/a")}


def _our_modules():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.iter_modules(package.__path__):
            if info.name in ("migrations", "management", "celery", "wsgi", "asgi", "settings"):
                continue
            yield importlib.import_module(f"{app}.{info.name}")


def _subclasses(base):
    for sub in base.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _is_free_text_form_field(field) -> bool:
    return isinstance(field, django_forms.CharField) and not isinstance(
        field, django_forms.EmailField | django_forms.RegexField | django_forms.SlugField
    )


def _form_text_fields() -> dict[tuple[str, str], object]:
    list(_our_modules())  # import every module, so every form class is known
    found = {}
    for form in _subclasses(django_forms.BaseForm):
        if form.__module__.split(".")[0] not in APPS:
            continue
        name = f"{form.__module__}.{form.__name__}"
        fields = dict(form.base_fields)
        if form.__name__ == "PlanForm" and form.__module__ == "financing.forms":
            # One note per post, added in __init__: covered as one pattern.
            fields |= {"note_*": PlanFormNote()}
        for field_name, field in fields.items():
            if _is_free_text_form_field(field) or isinstance(field, PlanFormNote):
                found[(name, field_name)] = field
    return found


class PlanFormNote:
    """Stands for financing.forms.PlanForm's dynamic note_<post> fields."""

    @property
    def max_length(self):
        from financing.forms import PlanForm

        form = PlanForm()
        lengths = {f.max_length for n, f in form.fields.items() if n.startswith("note_")}
        assert len(lengths) == 1
        return lengths.pop()


INPUT_CALL = re.compile(r"\b(\w+Serializer)\((?:\w+, )?data=|_data\((\w+Serializer),")


def _input_serializers() -> dict[str, type]:
    """Serializers the API validates request data with, found in the API modules' source."""
    by_name = {}
    for module in _our_modules():
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, serializers.BaseSerializer):
                if value.__module__ == module.__name__:
                    by_name[value.__name__] = value
    roots = {}
    for module in _our_modules():
        source = Path(module.__file__).read_text()
        for match in INPUT_CALL.finditer(source):
            name = match.group(1) or match.group(2)
            if name in by_name:
                roots[name] = by_name[name]
    return roots


def _serializer_text_fields() -> dict[tuple[str, str], object]:
    found = {}

    def walk(serializer_class):
        instance = serializer_class()
        name = f"{serializer_class.__module__}.{serializer_class.__name__}"
        for field_name, field in instance.fields.items():
            if field.read_only:
                continue
            if isinstance(field, serializers.ListSerializer):
                walk(type(field.child))
            elif isinstance(field, serializers.BaseSerializer):
                walk(type(field))
            elif isinstance(field, serializers.ListField) and _is_text(field.child):
                found[(name, f"{field_name}[]")] = field.child
            elif _is_text(field):
                found[(name, field_name)] = field

    for serializer_class in _input_serializers().values():
        walk(serializer_class)
    return found


def _is_text(field) -> bool:
    return isinstance(field, serializers.CharField) and not isinstance(
        field, serializers.EmailField | serializers.RegexField | serializers.SlugField
    )


def test_every_free_text_input_is_covered():
    found = _form_text_fields() | _serializer_text_fields()
    missing = sorted(set(found) - set(TEXT_FIELDS))
    stale = sorted(set(TEXT_FIELDS) - set(found))
    assert not missing, f"Text fields without an XSS test; add them to TEXT_FIELDS: {missing}"
    assert not stale, f"TEXT_FIELDS lists fields that no longer exist: {stale}"
    for test_name in set(TEXT_FIELDS.values()):
        assert test_name.startswith("n/a:") or test_name in globals(), test_name


def test_every_free_text_input_has_a_maximum_length():
    """Unbounded text is a denial of service and breaks the pages that show it."""
    found = _form_text_fields() | _serializer_text_fields()
    unbounded = sorted(
        key
        for key, field in found.items()
        if key not in PASSWORD_FIELDS and getattr(field, "max_length", None) is None
    )
    assert not unbounded, f"Text inputs without max_length: {unbounded}"


# --- Is a page inert? -------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "hx-get",
    "hx-post",
    "hx-put",
    "hx-patch",
    "hx-delete",
    "hx-push-url",
}


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.problems.append(f"<{tag} {name}=…> (an event handler)")
            compact = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value!r}> (a script URL)")
        if tag == "script":
            src = attributes.get("src") or ""
            if not src.startswith("/") or src.startswith("//"):
                self.problems.append(f"<script src={src!r}> (not a script from this site)")
        if tag in ("img", "iframe", "object", "embed") and attributes.get("src") == "x":
            self.problems.append(f"<{tag} src=x> (injected markup)")

    handle_startendtag = handle_starttag


def assert_inert(html: str, where: str) -> None:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, f"{where}: live markup from user input: {inspector.problems}"
    for raw in ("<script>alert(1)</script>", '"><img src=x', "<img src=x onerror"):
        assert raw not in html, f"{where}: unescaped payload {raw!r}"


def page(client, url: str, *tags: str, absent=(), htmx_target: str | None = None) -> str:
    """GET an HTML page (or htmx partial), check it is inert and shows (or hides) the tags."""
    headers = {}
    if htmx_target:
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": htmx_target}
    response = client.get(url, **headers)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), url
    html = response.content.decode()
    assert_inert(html, url)
    for tag in tags:
        assert f"{tag}&lt;script&gt;" in html, f"{url} does not show the escaped value {tag}"
    for tag in absent:
        assert tag not in html, f"{url} shows {tag}, which this role must not see"
    return html


def inert_response(response, where: str, *tags: str) -> str:
    """A POST answer (a page with errors, or an htmx partial) is inert too."""
    assert response["Content-Type"].startswith("text/html"), where
    html = response.content.decode()
    assert_inert(html, where)
    for tag in tags:
        assert f"{tag}&lt;script&gt;" in html, f"{where} does not show the escaped value {tag}"
    return html


def api_json(client, url: str, *tags: str) -> object:
    """An API answer is JSON, never HTML, and keeps the text exactly as typed."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response["Content-Type"].startswith("application/json"), url
    assert response.get("X-Content-Type-Options") == "nosniff", url
    text = response.content.decode()
    for tag in tags:
        assert json.dumps(xss(tag))[1:-1] in text, f"{url} does not return {tag} as typed"
    return json.loads(text)


def submitted(response, where: str = ""):
    assert response.status_code in (200, 201, 202, 302), (
        f"{where}: {response.status_code} {response.content[:2000]!r}"
    )
    return response


def pdf(client, url: str, *tags: str, absent=()) -> str:
    """A PDF with the payload in it builds and shows each value as typed, as text: read as
    markup, the script and image tags would be gone. No script, no launch action and no
    javascript: link is in the file."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    # Without whitespace: a long value wraps onto the next line anywhere.
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for tag in tags:
        assert "".join(xss(tag).split()) in text, f"{url} does not show {tag} as typed"
    for tag in absent:
        assert tag not in text, f"{url} shows {tag}, which this role must not see"
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root, url
    assert "/JavaScript" not in root.get("/Names", {}), url
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert action.get("/S") not in ("/JavaScript", "/Launch"), url
            assert not str(action.get("/URI", "")).lower().startswith("javascript:"), url
    return text


def post_json(client, url, data, method="post"):
    return getattr(client, method)(url, data, content_type="application/json")


# --- The Persoonlijk Profiel ------------------------------------------------------------


def test_profile_text(as_user, anna, carla, wim, annas_traject):
    client = as_user(anna)
    submitted(client.post("/profiel/stap/talenten/", {"own_words": xss("xp01")}))
    # The wizard saves as you type (htmx): that partial answer is inert too.
    response = client.post(
        "/profiel/stap/niveau/",
        {"niveau": "mbo4", "basis": "diploma", "evidence": xss("xp02"), "autosave": "1"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="save-status",
    )
    assert response.status_code == 200
    inert_response(response, "autosave partial")
    submitted(
        client.post(
            "/profiel/stap/doel/",
            {"ambition": xss("xp03"), "motivation": xss("xp04"), "hours_per_week": "32"},
        )
    )
    submitted(client.post("/profiel/stap/ervaring/", {"proud_of": xss("xp05")}))
    submitted(
        client.post(
            "/profiel/stap/ervaring/toevoegen/",
            {
                "kind": "werk",
                "title": xss("xp06"),
                "organisation": xss("xp07"),
                "start_year": "2015",
                "end_year": "2020",
                "description": xss("xp08"),
            },
        )
    )
    skill = Skill.objects.order_by("pk").first()
    submitted(
        client.post(
            "/profiel/stap/skills/toevoegen/",
            {
                "skill": skill.pk,
                "level": "3",
                "evidence_type": "zelf",
                "evidence_note": xss("xp09"),
            },
        )
    )
    submitted(
        client.post(
            "/profiel/gevoelig/",
            {"health": xss("xp10"), "arbeidsbeperking": "unknown", "status": xss("xp11")},
        )
    )
    submitted(client.post("/profiel/delen/coach/"))
    submitted(
        client.post(
            "/profiel/delen/",
            {"purpose": "vacature", "grantee_email": wim.email, "vacature": xss("xp12")},
        )
    )
    profile = Profile.objects.get(user=anna)
    assert profile.talents_own_words == xss("xp01") and profile.niveau_evidence == xss("xp02")
    coach = as_user(carla)
    submitted(
        coach.post(
            f"/profielen/{profile.pk}/assessments/",
            {"name": xss("xp13"), "taken_on": "2025-01-10", "result": xss("xp14")},
        )
    )
    shown = ("xp01", "xp02", "xp03", "xp04", "xp05", "xp06", "xp07", "xp08", "xp09")
    sensitive = ("xp10", "xp11")

    # The owner.
    page(client, "/profiel/", *shown, "xp13", "xp14")
    page(client, "/profiel/stap/talenten/", "xp01")
    page(client, "/profiel/stap/skills/")
    page(client, "/profiel/stap/niveau/", "xp02")
    page(client, "/profiel/stap/doel/", "xp03", "xp04")
    page(client, "/profiel/stap/ervaring/", "xp05", "xp06", "xp07")
    page(client, "/profiel/gevoelig/", *sensitive)
    page(client, "/profiel/delen/", "xp12")
    page(client, "/")
    api_json(client, "/api/v1/profiles/me/", "xp01", "xp02", "xp03", "xp05", "xp13")
    api_json(client, "/api/v1/profiles/me/shares/", "xp12")
    export = client.get("/profiel/export.json")
    assert export["Content-Type"].startswith("application/json")
    exported = json.dumps(export.json(), ensure_ascii=False)
    assert all(
        xss(tag) in json.loads(exported)
        or json.dumps(xss(tag), ensure_ascii=False)[1:-1] in exported
        for tag in ("xp10", "xp12", "xp13")
    )
    pdf(client, "/profiel/pdf/", *shown, "xp13", "xp14", absent=sensitive)
    pdf(client, "/profiel/export.pdf", *shown, *sensitive, "xp12", "xp13", "xp14")

    # The coach, with the share; she never sees the sensitive data.
    page(coach, "/profielen/")
    page(coach, f"/profielen/{profile.pk}/", *shown, "xp13", "xp14", absent=sensitive)
    page(coach, f"/trajecten/{annas_traject.pk}/", absent=sensitive)
    page(coach, "/caseload/")
    api_json(coach, f"/api/v1/profiles/{profile.pk}/", "xp01", "xp13")

    # The werkgever, with the share for a vacature.
    werkgever = as_user(wim)
    page(werkgever, "/profielen/")
    page(werkgever, f"/profielen/{profile.pk}/", *shown, absent=sensitive)


def test_profile_api(as_user, anna, carla, wim, annas_traject):
    client = as_user(anna)
    response = post_json(
        client,
        "/api/v1/profiles/me/",
        {
            "niveau": "mbo4",
            "niveau_basis": "diploma",
            "talents_own_words": xss("xa01"),
            "niveau_evidence": xss("xa02"),
            "ambition": xss("xa03"),
            "motivation": xss("xa04"),
            "proud_of": xss("xa05"),
        },
        method="patch",
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    skill = Skill.objects.order_by("pk").first()
    submitted(
        post_json(
            client,
            "/api/v1/profiles/me/skills/",
            {
                "skill": skill.pk,
                "level": 4,
                "evidence_type": "zelf",
                "evidence_note": xss("xa06"),
            },
        ),
        "skills api",
    )
    submitted(
        post_json(
            client,
            "/api/v1/profiles/me/experiences/",
            {
                "kind": "vrijwillig",
                "title": xss("xa07"),
                "organisation": xss("xa08"),
                "description": xss("xa09"),
            },
        ),
        "experiences api",
    )
    submitted(
        post_json(
            client,
            "/api/v1/profiles/me/shares/",
            {"purpose": "vacature", "grantee_email": wim.email, "vacature": xss("xa10")},
        ),
        "shares api",
    )
    profile = Profile.objects.get(user=anna)
    all_tags = [f"xa{n:02d}" for n in range(1, 10)]
    api_json(client, "/api/v1/profiles/me/", *all_tags)
    page(client, "/profiel/", *all_tags)
    page(client, "/profiel/delen/", "xa10")
    page(as_user(wim), f"/profielen/{profile.pk}/", *all_tags)
    page(as_user(wim), "/profielen/")


def test_search_queries_are_echoed_inert(as_user, anna, wim):
    client = as_user(anna)
    q = xss("xs01")[:100]
    html = page(client, f"/profiel/stap/skills/?q={q}")
    assert "xs01" in html
    inert_response(
        client.get("/profiel/stap/skills/zoek/", {"q": q}, HTTP_HX_REQUEST="true"),
        "skill search partial",
    )
    response = client.get("/api/v1/skills/", {"q": q})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    vacature = _vacature(wim)
    page(as_user(wim), f"/vacatures/{vacature.pk}/beheren/?q={q}")
    # A redirect target from the address bar never becomes a javascript: link.
    html = page(Client(), "/account/inloggen/?next=javascript:alert(1)")
    assert 'value="javascript:' not in html


# --- Accounts ---------------------------------------------------------------------------


def test_full_name_from_signup_and_invite(client, as_user, carla, bea, amsterdam, mailoutbox):
    response = client.post(
        "/account/aanmelden/",
        {
            "full_name": xss("xn01"),
            "email": "nieuw@example.nl",
            "region": amsterdam.pk,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200, response.content
    inert_response(response, "signup sent")
    # The mail is plain text: the name appears as typed, not as HTML entities.
    assert xss("xn01") in mailoutbox[-1].body
    assert not mailoutbox[-1].alternatives
    link = re.search(r"https?://\S+/account/bevestigen/\S+/", mailoutbox[-1].body).group(0)
    client.get(link[link.index("/account/") :])
    newcomer = User.objects.get(email="nieuw@example.nl")
    assert newcomer.is_active and newcomer.full_name == xss("xn01")
    traject = newcomer.trajecten.get()
    traject.coach = carla
    traject.save(update_fields=["coach"])

    # The beheerder invites a coach in the admin; the name is free text there too.
    admin = as_user(bea)
    response = admin.post(
        "/beheer/accounts/user/add/",
        {
            "email": "coach2@example.nl",
            "full_name": xss("xn02"),
            "role": Role.COACH,
            "organisation": carla.organisation_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    invited = User.objects.get(email="coach2@example.nl")
    assert invited.full_name == xss("xn02")
    page(admin, "/beheer/accounts/user/", "xn01", "xn02")

    me = as_user(newcomer)
    page(me, "/", "xn01")
    api_json(me, "/api/v1/me/", "xn01")
    submitted(me.post("/profiel/delen/coach/"))
    coach = as_user(carla)
    page(coach, "/caseload/", "xn01")
    page(coach, f"/trajecten/{traject.pk}/", "xn01")
    page(coach, "/caseload/", "xn01", htmx_target="caseload-table")
    page(coach, "/profielen/", "xn01")
    api_json(coach, "/api/v1/caseload/", "xn01")
    traject.coach = invited
    traject.save(update_fields=["coach"])
    page(me, "/", "xn02")
    page(me, "/profiel/delen/", "xn02")


# --- Coach workspace --------------------------------------------------------------------


def test_coach_workspace_text(as_user, anna, carla, annas_traject):
    coach = as_user(carla)
    url = f"/trajecten/{annas_traject.pk}/"
    submitted(coach.post(f"{url}fase/", {"to_phase": Phase.ORIENTATIE, "reason": xss("xw01")}))
    response = coach.post(
        f"{url}fase/",
        {"to_phase": Phase.PROFIEL, "reason": xss("xw02")},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="phase-panel",
    )
    assert response.status_code == 200
    inert_response(response, "phase panel partial", "xw02")
    submitted(coach.post(f"{url}notities/", {"text": xss("xw03"), "shared": "on"}))
    submitted(coach.post(f"{url}notities/", {"text": xss("xw04")}))
    starts = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    submitted(
        coach.post(
            f"{url}afspraken/", {"kind": "gesprek", "starts_at": starts, "location": xss("xw05")}
        )
    )
    api = f"/api/v1/trajecten/{annas_traject.pk}/"
    submitted(post_json(coach, f"{api}phase/", {"to_phase": "match", "reason": xss("xw06")}))
    submitted(post_json(coach, f"{api}notes/", {"text": xss("xw07"), "shared": True}))
    submitted(
        post_json(
            coach,
            f"{api}appointments/",
            {
                "kind": "gesprek",
                "starts_at": (timezone.now() + timedelta(days=4)).isoformat(),
                "location": xss("xw08"),
            },
        )
    )
    everything = ("xw01", "xw02", "xw03", "xw04", "xw05", "xw06", "xw07", "xw08")
    page(coach, url, *everything)
    page(coach, "/caseload/")
    api_json(coach, f"{api}timeline/", "xw01", "xw03", "xw04", "xw07")
    api_json(coach, f"{api}notes/", "xw03", "xw04", "xw07")
    api_json(coach, f"{api}appointments/", "xw05", "xw08")
    api_json(coach, api, "xw01", "xw06")

    # The participant sees the shared notes, never the private one.
    participant = as_user(anna)
    page(participant, "/", absent=("xw04",))
    page(participant, url, "xw03", absent=("xw04",))
    api_json(participant, f"{api}notes/", "xw03")


def test_moved_appointment_text(as_user, anna, carla, annas_traject):
    from journeys import notes

    first, second = (
        notes.appointment_add(
            traject=annas_traject,
            coach=carla,
            kind="gesprek",
            starts_at=timezone.now() + timedelta(days=days),
        )
        for days in (3, 4)
    )
    coach = as_user(carla)
    url = f"/trajecten/{annas_traject.pk}/"
    prefix = f"afspraak-{first.pk}"
    starts = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    submitted(
        coach.post(
            f"{url}afspraken/{first.pk}/verzetten/",
            {f"{prefix}-starts_at": starts, f"{prefix}-location": xss("xm01")},
        )
    )
    submitted(
        post_json(
            coach,
            f"/api/v1/trajecten/{annas_traject.pk}/appointments/{second.pk}/",
            {
                "starts_at": (timezone.now() + timedelta(days=6)).isoformat(),
                "location": xss("xm02"),
            },
            method="patch",
        )
    )
    # A refused move shows the typed text back on the form, inert.
    response = coach.post(
        f"{url}afspraken/{first.pk}/verzetten/",
        {f"{prefix}-starts_at": "2999-01-01T10:00", f"{prefix}-location": xss("xm03")},
    )
    assert response.status_code == 400
    inert_response(response, "refused move", "xm03")
    page(coach, url, "xm01", "xm02")
    participant = as_user(anna)
    page(participant, "/", "xm02")
    page(participant, "/mijn-tijdlijn/", "xm01", "xm02")
    api_json(participant, "/api/v1/me/timeline/", "xm01", "xm02")


def test_intervisie_and_buddy_text(as_user, anna, carla, annas_traject, amsterdam):
    from journeys.models import Intervisiegroep

    coach = as_user(carla)
    response = coach.post("/intervisie/", {"name": xss("xi01"), "members": [str(annas_traject.pk)]})
    assert response.status_code == 302, response.content.decode()[:3000]
    group = Intervisiegroep.objects.get(name=xss("xi01"))
    starts = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    submitted(
        coach.post(
            f"/intervisie/{group.pk}/bijeenkomsten/", {"starts_at": starts, "location": xss("xi02")}
        )
    )
    submitted(
        coach.post(f"/trajecten/{annas_traject.pk}/buddy/", {"name": xss("xi03"), "email": ""})
    )
    created = post_json(
        coach, "/api/v1/intervisiegroepen/", {"name": xss("xi04"), "member_ids": [annas_traject.pk]}
    )
    assert created.status_code == 201, created.content
    group_id = created.json()["id"]
    submitted(
        post_json(
            coach,
            f"/api/v1/intervisiegroepen/{group_id}/meetings/",
            {
                "starts_at": (timezone.now() + timedelta(days=6)).isoformat(),
                "location": xss("xi05"),
            },
        ),
        "meeting api",
    )
    other = make_traject(overstapper=UserFactory(home_region=amsterdam), coach=carla)
    submitted(
        post_json(coach, f"/api/v1/trajecten/{other.pk}/buddies/", {"name": xss("xi06")}),
        "buddy api",
    )
    page(coach, "/intervisie/", "xi01", "xi04")
    page(coach, f"/intervisie/{group.pk}/", "xi01", "xi02")
    page(coach, f"/intervisie/{group_id}/", "xi04", "xi05")
    page(coach, f"/trajecten/{annas_traject.pk}/", "xi03")
    page(coach, f"/trajecten/{other.pk}/", "xi06")
    page(coach, "/caseload/")
    api_json(coach, "/api/v1/intervisiegroepen/", "xi01", "xi04")
    api_json(coach, f"/api/v1/intervisiegroepen/{group_id}/meetings/", "xi05")
    api_json(coach, f"/api/v1/trajecten/{annas_traject.pk}/buddies/", "xi03")
    api_json(coach, f"/api/v1/trajecten/{annas_traject.pk}/timeline/")
    participant = as_user(anna)
    page(participant, "/")
    page(participant, f"/trajecten/{annas_traject.pk}/")


# --- Oriëntatie --------------------------------------------------------------------------


def test_orientatie_text(as_user, client, lars, amsterdam):
    from orientatie.models import Event, Registration

    loket = as_user(lars)
    start = timezone.localtime() + timedelta(days=8)
    fields = {
        "kind": "informatiebijeenkomst",
        "title": xss("xo01"),
        "description": xss("xo02"),
        "place": xss("xo03"),
        "sectors": ["zorg"],
        "region": amsterdam.pk,
        "capacity": 10,
        "start_1": start.strftime("%Y-%m-%dT%H:%M"),
        "end_1": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    refused = loket.post("/orientatie/mijn-bijeenkomsten/", fields | {"online_url": xss("xo04")})
    assert refused.status_code == 400
    inert_response(refused, "event form with a bad link", "xo01", "xo04")
    submitted(loket.post("/orientatie/mijn-bijeenkomsten/", fields))
    event = Event.objects.get(title=xss("xo01"))
    submitted(
        client.post(
            f"/orientatie/bijeenkomsten/{event.pk}/", {"name": xss("xo05"), "email": "a@example.nl"}
        )
    )
    page(client, "/orientatie/agenda/", "xo01", "xo03")
    page(client, f"/orientatie/bijeenkomsten/{event.pk}/", "xo01", "xo02", "xo03", absent=["xo05"])
    page(loket, "/orientatie/mijn-bijeenkomsten/", "xo01")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    page(loket, f"/orientatie/mijn-bijeenkomsten/{event.pk}/", "xo01", "xo05")

    payload = {
        "kind": "bootcamp",
        "title": xss("xo06"),
        "description": xss("xo07"),
        "place": xss("xo08"),
        "sectors": ["ict"],
        "capacity": 5,
        "sessions": [
            {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=3)).isoformat()}
        ],
    }
    assert (
        post_json(loket, "/api/v1/events/", payload | {"online_url": xss("xo09")}).status_code
        == 400
    )
    created = submitted(post_json(loket, "/api/v1/events/", payload))
    pk = created.json()["id"]
    assert (
        post_json(loket, f"/api/v1/events/{pk}/", {"online_url": xss("xo13")}, "patch").status_code
        == 400
    )
    submitted(
        post_json(
            loket,
            f"/api/v1/events/{pk}/",
            {"title": xss("xo10"), "description": xss("xo11"), "place": xss("xo12")},
            "patch",
        )
    )
    submitted(
        post_json(
            client,
            f"/api/v1/events/{pk}/registrations/",
            {"name": xss("xo14"), "email": "b@example.nl"},
        )
    )
    assert Registration.objects.filter(name=xss("xo14")).exists()
    api_json(client, f"/api/v1/events/{pk}/", "xo10", "xo11", "xo12")
    api_json(loket, f"/api/v1/events/{pk}/attendance/", "xo14")
    page(client, f"/orientatie/bijeenkomsten/{pk}/", "xo10", "xo11", "xo12", absent=["xo14"])

    page(client, "/orientatie/beroepen/?q=" + xss("xo21"), "xo21")
    submitted(
        loket.post(
            "/orientatie/initiatieven/",
            {"name": xss("xo15"), "kind": "overig", "contact": xss("xo16"), "offer": xss("xo17")},
        )
    )
    submitted(
        post_json(
            loket,
            "/api/v1/initiatives/",
            {
                "name": xss("xo18"),
                "kind": "consortium",
                "contact": xss("xo19"),
                "offer": xss("xo20"),
            },
        )
    )
    page(client, "/orientatie/initiatieven/", "xo15", "xo16", "xo17", "xo18", "xo19", "xo20")
    api_json(client, "/api/v1/initiatives/", "xo15", "xo18", "xo20")


# --- Matching ---------------------------------------------------------------------------


def _vacature(wim, **extra):
    from matching import services
    from matching.models import Vacature

    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title=extra.pop("title", "Verzorgende IG"),
        sector="zorg",
        region=wim.organisation.region,
        hours_per_week=32,
        salary_min=2500,
        salary_max=3500,
        skills=[(Skill.objects.order_by("pk").first(), 2, True)],
        **extra,
    )
    assert vacature.status == Vacature.Status.CONCEPT
    return vacature


def test_vacature_and_application_text(as_user, anna, carla, wim, annas_traject, amsterdam):
    from matching.models import Application, Vacature

    werkgever = as_user(wim)
    response = werkgever.post(
        "/vacatures/nieuw/",
        {
            "title": xss("xm01"),
            "description": xss("xm02"),
            "sector": "zorg",
            "region": amsterdam.pk,
            "hours_per_week": "32",
            "salary_min": "2500",
            "salary_max": "3500",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    vacature = Vacature.objects.get(organisation=wim.organisation)
    submitted(werkgever.post(f"/vacatures/{vacature.pk}/taken/", {"description": xss("xm03")}))
    skill = Skill.objects.order_by("pk").first()
    submitted(
        werkgever.post(
            f"/vacatures/{vacature.pk}/skills/",
            {"skill": skill.pk, "min_level": "2", "essential": "1"},
        )
    )
    submitted(werkgever.post(f"/vacatures/{vacature.pk}/publiceren/"))
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.OPEN
    created = post_json(
        werkgever,
        "/api/v1/vacatures/",
        {
            "title": xss("xm04"),
            "description": xss("xm05"),
            "sector": "zorg",
            "region": amsterdam.pk,
            "hours_per_week": 24,
            "salary_min": "2400.00",
            "salary_max": "3000.00",
        },
    )
    assert created.status_code == 201, created.content

    participant = as_user(anna)
    submitted(participant.post(f"/vacatures/{vacature.pk}/interesse/"))
    application = Application.objects.get(vacature=vacature)
    move = f"/sollicitaties/{application.pk}/stap/"
    prefix = f"app{application.pk}"
    day = (timezone.localdate() + timedelta(days=2)).isoformat()
    steps = [
        {"to_status": "meeloopdag", "meeloopdag_on": day, "meeloopdag_days": "1"},
        {"to_status": "selectie", "note": xss("xm06")},
    ]
    for step in steps:
        submitted(werkgever.post(move, {f"{prefix}-{k}": v for k, v in step.items()}))
    # The contract is offered with its content, through the contract form.
    response = werkgever.post(
        f"/sollicitaties/{application.pk}/contract/aanbieden/",
        _contract_data(function_title=xss("xm11")[:200], conditions=xss("xm07")),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    assert application.status == "contract", application.status
    assert application.contract_conditions == xss("xm07")

    page(werkgever, "/vacatures/", "xm01")
    page(werkgever, f"/vacatures/{vacature.pk}/beheren/", "xm01", "xm03")
    page(werkgever, f"/vacatures/{vacature.pk}/", "xm01", "xm02", "xm03")
    page(werkgever, f"/vacatures/{vacature.pk}/kandidaten/", "xm11")
    contract_page = f"/sollicitaties/{application.pk}/contract/"
    page(werkgever, contract_page, "xm07", "xm11")
    page(participant, contract_page, "xm07", "xm11")
    pdf(werkgever, f"/sollicitaties/{application.pk}/contract.pdf")
    page(werkgever, f"/vacatures/{created.json()['id']}/", "xm04", "xm05")
    api_json(werkgever, "/api/v1/vacatures/?mine=1", "xm01", "xm02", "xm04", "xm05")
    api_json(werkgever, f"/api/v1/vacatures/{vacature.pk}/candidates/")

    page(participant, f"/vacatures/{vacature.pk}/", "xm01", "xm02")
    page(participant, "/mijn-matches/", "xm01", "xm07")
    page(participant, "/profiel/delen/", "xm01")
    page(participant, "/")
    api_json(participant, "/api/v1/applications/", "xm07")
    page(as_user(carla), f"/trajecten/{annas_traject.pk}/", "xm01")

    # A second application, rejected through the API with a note.
    other = _vacature(wim, title="Helpende")
    from matching import services

    services.vacature_publish(vacature=other, by=wim)
    submitted(participant.post(f"/vacatures/{other.pk}/interesse/"))
    second = Application.objects.get(vacature=other)
    submitted(
        post_json(
            werkgever,
            f"/api/v1/applications/{second.pk}/move/",
            {"to_status": "afgewezen", "note": xss("xm08")},
        ),
        "application move api",
    )
    second.refresh_from_db()
    assert second.rejection_reason == xss("xm08")
    page(participant, "/mijn-matches/")
    page(werkgever, f"/vacatures/{other.pk}/kandidaten/")
    page(as_user(carla), f"/trajecten/{annas_traject.pk}/")
    # The candidate signs through the API; the contract stays inert for everyone after.
    submitted(
        post_json(
            participant, f"/api/v1/applications/{application.pk}/contract/sign/", {"read": True}
        ),
        "sign api",
    )
    page(participant, contract_page, "xm07", "xm11")
    page(participant, "/mijn-matches/")
    page(participant, "/")
    page(as_user(carla), f"/trajecten/{annas_traject.pk}/")


def _contract_data(**fields) -> dict:
    start = timezone.localdate() + timedelta(days=30)
    return {
        "start_date": start.isoformat(),
        "contract_type": "vast",
        "end_date": "",
        "hours_per_week": "32",
        "salary": "2800",
        "proeftijd_months": "1",
    } | fields


def test_contract_api_text(as_user, anna, wim, annas_traject):
    from matching import services
    from matching.models import Application

    other = _vacature(wim, title="Verzorgende")
    services.vacature_publish(vacature=other, by=wim)
    participant, werkgever = as_user(anna), as_user(wim)
    submitted(participant.post(f"/vacatures/{other.pk}/interesse/"))
    application = Application.objects.get(vacature=other)
    day = timezone.localdate() + timedelta(days=2)
    services.application_move(
        application=application,
        to_status="meeloopdag",
        by=wim,
        meeloopdag_on=day,
        meeloopdag_days=1,
    )
    services.application_move(application=application, to_status="selectie", by=wim)
    url = f"/api/v1/applications/{application.pk}/contract/"
    created = post_json(
        werkgever,
        url,
        _contract_data(function_title=xss("xc01")[:200], conditions=xss("xc02"), end_date=None),
    )
    assert created.status_code == 201, created.content
    api_json(werkgever, url, "xc02")
    api_json(participant, url, "xc02")
    contract_page = f"/sollicitaties/{application.pk}/contract/"
    page(participant, contract_page, "xc01", "xc02")
    page(werkgever, contract_page, "xc01", "xc02")
    page(werkgever, f"/vacatures/{other.pk}/kandidaten/", "xc01")
    page(participant, "/mijn-matches/", "xc02")
    pdf(participant, f"/sollicitaties/{application.pk}/contract.pdf")


# --- Financing --------------------------------------------------------------------------


def test_financing_text(as_user, catalogue, carla, anna, annas_traject):
    from financing.models import FinancingPlan
    from financing.selectors import plan_bundle

    new_employer = employer("Zorggroep Noord", "zorg")
    give_contract(anna, new_employer)
    werkgever_user = UserFactory(role=Role.WERKGEVER, organisation=new_employer)
    plan = start_plan(annas_traject, carla, sector="zorg")
    plan = FinancingPlan.objects.get(pk=plan.pk)
    base = f"/trajecten/{annas_traject.pk}/financiering/"
    data = {
        "version": plan.version,
        "start_month": timezone.localdate().strftime("%Y-%m"),
        "orientatie_months": "3",
        "overstap_months": "0",
        "leertijd_months": "6",
        "income_before_source": plan.income_before_source,
        "income_before": "3000",
        "new_wage": "3000",
        "minimum_income": "",
        "inkomen-TOTAL_FORMS": "1",
        "inkomen-INITIAL_FORMS": "0",
        "inkomen-MIN_NUM_FORMS": "0",
        "inkomen-MAX_NUM_FORMS": "24",
        "inkomen-0-kind": "salaris_latende_werkgever",
        "inkomen-0-payer": xss("xf01"),
        "inkomen-0-first_month": "1",
        "inkomen-0-last_month": "9",
        "inkomen-0-amount": "3000",
    }
    for post in plan.posts.all():
        data[f"estimate_{post.kind}"] = "" if post.estimate is None else str(post.estimate)
        data[f"note_{post.kind}"] = ""
    data["estimate_vakopleiding"] = "5000"
    data["note_vakopleiding"] = xss("xf02")
    coach = as_user(carla)
    response = coach.post(f"{base}bewerken/", data)
    assert response.status_code == 302, response.content.decode()[:4000]
    submitted(
        coach.post(
            f"{base}bijdragen/nieuw/",
            {
                "post": "vakopleiding",
                "funder_type": "fonds",
                "funder_name": xss("xf03"),
                "amount": "1000",
                "status": "toegezegd",
                "note": xss("xf04"),
            },
        )
    )
    api = f"/api/v1/trajecten/{annas_traject.pk}/financing/"
    created = post_json(
        coach,
        f"{api}contributions/",
        {
            "post": "vakopleiding",
            "funder_type": "gemeente",
            "funder_name": xss("xf05"),
            "amount": "500.00",
            "status": "voorgesteld",
            "note": xss("xf06"),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    changed = post_json(
        coach,
        f"{api}contributions/{body['id']}/",
        {"version": body["version"], "funder_name": xss("xf07"), "note": xss("xf08")},
        method="patch",
    )
    assert changed.status_code == 200, changed.content
    bundle = plan_bundle(traject=annas_traject, plan=FinancingPlan.objects.get(pk=plan.pk))
    assert any(v.post.note == xss("xf02") for v in bundle.views)

    page(coach, base, "xf03", "xf04", "xf07", "xf08")
    page(coach, f"{base}bewerken/", "xf01", "xf02")
    page(coach, f"{base}per-partij/", "xf03", "xf07")
    page(coach, f"{base}afdrukken/", "xf03")
    page(coach, f"{base}subsidiewijzer/")
    page(coach, f"{base}bijdragen/{body['id']}/", "xf07", "xf08")
    page(coach, "/financiering/")
    page(coach, f"{base}bewerken/", "xf02", htmx_target="plan-form")
    pdf(coach, f"{base}financieringsplan.pdf", "xf01", "xf03", "xf07")
    api_json(coach, api, "xf01", "xf02", "xf03", "xf07")
    api_json(coach, f"{api}contributions/", "xf03", "xf07")

    participant = as_user(anna)
    page(participant, base, "xf03")
    pdf(participant, f"{base}financieringsplan.pdf", "xf01", "xf03", "xf07")
    # The ontvangende werkgever sees the plan without the income.
    werkgever = as_user(werkgever_user)
    page(werkgever, base, "xf03", absent=("xf01",))
    page(werkgever, "/financiering/")
    pdf(werkgever, f"{base}financieringsplan.pdf", "xf03", "xf07", absent=("xf01",))


def test_regeling_text_from_the_admin(as_user, catalogue, bea, carla, annas_traject):
    from financing.admin import RegelingAdminForm
    from financing.models import Regeling

    template = Regeling.objects.filter(sectors__contains=["zorg"]).first() or (
        Regeling.objects.first()
    )
    form = RegelingAdminForm(instance=template)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = (
                field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
            )
    data |= {
        "name": xss("xr01"),
        "issuer": xss("xr02")[:100],
        "conditions": xss("xr03"),
        "source_note": xss("xr04"),
        "valid_to": "",
    }
    admin = as_user(bea)
    response = admin.post("/beheer/financing/regeling/add/", data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<li>([^<]*)", response.content.decode()
    )
    regeling = Regeling.objects.get(name=xss("xr01"))
    page(admin, "/beheer/financing/regeling/", "xr01")
    page(admin, f"/beheer/financing/regeling/{regeling.pk}/change/", "xr01", "xr03")

    start_plan(annas_traject, carla, sector="zorg")
    coach = as_user(carla)
    base = f"/trajecten/{annas_traject.pk}/financiering/"
    page(coach, f"{base}subsidiewijzer/")
    page(coach, f"{base}bijdragen/nieuw/?post={regeling.posts[0]}")
    api_json(coach, "/api/v1/regelingen/", "xr01", "xr03")


# --- Superscholing, onboarding and nazorg -----------------------------------------------


def _route_setup(olga, anna, carla, wim, amsterdam):
    traject = make_traject(
        overstapper=anna, coach=carla, region=amsterdam, phase=Phase.LEERWERKTRAJECT
    )
    return traject


def test_onboarding_text(as_user, olga, anna, carla, wim, amsterdam):
    from onboarding.tasks import daily

    traject = _route_setup(olga, anna, carla, wim, amsterdam)
    opleider = as_user(olga)
    submitted(
        opleider.post(
            "/superscholing/",
            {
                "title": xss("xo01"),
                "sector": "zorg",
                "description": xss("xo02"),
                "required_niveau": "",
                "weekly_hours": "8",
                "start_every_months": "1",
                "places_per_start": "12",
            },
        )
    )
    lwt = Leerwerktraject.objects.get(opleider=olga.organisation)
    manage = f"/superscholing/{lwt.pk}/"
    submitted(
        opleider.post(
            manage,
            {
                "action": "module",
                "title": xss("xo03"),
                "hours": "40",
                "cost": "100",
                "mode": "locatie",
            },
        )
    )
    module = lwt.modules.get()
    submitted(
        opleider.post(
            manage, {"action": "leeruitkomst", "module": module.pk, "description": xss("xo04")}
        )
    )
    first = (timezone.localdate() + timedelta(days=40)).isoformat()
    submitted(opleider.post(manage, {"action": "starts", "first": first, "count": "2"}))
    submitted(opleider.post(manage, {"action": "publish"}))
    lwt.refresh_from_db()
    assert lwt.is_published

    inschrijving = enrol(traject=traject, lwt=lwt, by=anna, werkgever=wim.organisation)
    route = f"/leerroutes/{inschrijving.pk}/"
    outcome = Leeruitkomst.objects.get(module=module)
    submitted(
        opleider.post(
            f"{route}bijwerken/",
            {
                "action": "validation",
                "leeruitkomst": outcome.pk,
                "method": "assessment",
                "note": xss("xo05"),
            },
        )
    )
    submitted(opleider.post(f"{route}bijwerken/", {"action": "pause", "reason": xss("xo06")}))
    assert Inschrijving.objects.get(pk=inschrijving.pk).pause_reason == xss("xo06")

    participant = as_user(anna)
    daily()
    submitted(
        participant.post(
            "/mijn-leerroute/check-in/",
            {
                "motivatie": "2",
                "betrokkenheid": "4",
                "team": "4",
                "uitdaging": "4",
                "comment": xss("xo07"),
            },
        )
    )
    submitted(
        participant.post("/mijn-leerroute/hulplijn/", {"to": "coach", "question": xss("xo08")})
    )
    submitted(
        participant.post(
            "/mijn-leerroute/hulplijn/",
            {"to": "coach", "question": xss("xo09"), "hide_from_werkgever": "on"},
        )
    )
    assert HulplijnVraag.objects.filter(traject=traject).count() == 2
    werkgever = as_user(wim)
    starts_on = timezone.localdate().isoformat()
    submitted(werkgever.post(f"/onboarding/{traject.pk}/", {"starts_on": starts_on}))

    page(opleider, "/superscholing/", "xo01")
    page(opleider, manage, "xo01", "xo03", "xo04")
    page(opleider, route, "xo01", "xo03", "xo06")
    page(participant, "/superscholing/", "xo01", "xo02")
    page(participant, "/mijn-leerroute/", "xo01", "xo03", "xo08", "xo09")
    page(participant, route, "xo03")
    page(werkgever, "/onboarding/")
    page(werkgever, f"/onboarding/{traject.pk}/", "xo08", absent=("xo09",))
    page(werkgever, route, "xo03")
    coach = as_user(carla)
    page(coach, "/signalen/")
    page(coach, f"/begeleiding/{traject.pk}/", "xo07", "xo08", "xo09")
    page(coach, route, "xo03", "xo05", "xo06")
    page(coach, f"/trajecten/{traject.pk}/")
    page(coach, "/caseload/")
    item = traject.onboarding_plan.items.first()
    response = werkgever.post(
        f"/onboarding/acties/{item.pk}/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="plan-items"
    )
    assert response.status_code == 200
    inert_response(response, "plan items partial")
    api_json(participant, f"/api/v1/inschrijvingen/{inschrijving.pk}/", "xo01", "xo03")
    api_json(participant, "/api/v1/checkins/", "xo07")
    api_json(coach, "/api/v1/alerts/")

    # Last: the coach closes the traject with a note; it stays inert where it is shown.
    submitted(
        coach.post(
            f"/begeleiding/{traject.pk}/",
            {"outcome": "uitval", "reason": "opleiding", "text": xss("xo10")},
        )
    )
    traject.refresh_from_db()
    assert traject.phase == Phase.UITGEVALLEN and traject.uitval.text == xss("xo10")
    page(coach, f"/begeleiding/{traject.pk}/", "xo10")
    page(coach, f"/trajecten/{traject.pk}/")
    page(participant, "/")


def test_onboarding_api_text(as_user, olga, anna, carla, wim, amsterdam):
    from onboarding.models import CheckIn
    from onboarding.tasks import daily

    traject = _route_setup(olga, anna, carla, wim, amsterdam)
    opleider = as_user(olga)
    created = post_json(
        opleider,
        "/api/v1/leerwerktrajecten/",
        {"title": xss("xq01"), "sector": "zorg", "description": xss("xq02"), "weekly_hours": 8},
    )
    assert created.status_code == 201, created.content
    lwt_id = created.json()["id"]
    submitted(
        post_json(
            opleider,
            f"/api/v1/leerwerktrajecten/{lwt_id}/",
            {"description": xss("xq03")},
            method="patch",
        ),
        "lwt patch",
    )
    submitted(
        post_json(
            opleider,
            f"/api/v1/leerwerktrajecten/{lwt_id}/modules/",
            {"title": xss("xq04"), "hours": 40, "leeruitkomsten": [xss("xq05")]},
        ),
        "module api",
    )
    first = (timezone.localdate() + timedelta(days=40)).isoformat()
    submitted(
        post_json(
            opleider,
            f"/api/v1/leerwerktrajecten/{lwt_id}/start-moments/",
            {"first": first, "count": 2},
        ),
        "starts api",
    )
    submitted(post_json(opleider, f"/api/v1/leerwerktrajecten/{lwt_id}/publish/", {}), "publish")
    lwt = Leerwerktraject.objects.get(pk=lwt_id)
    inschrijving = enrol(traject=traject, lwt=lwt, by=anna, werkgever=wim.organisation)
    api = f"/api/v1/inschrijvingen/{inschrijving.pk}/"
    outcome = Leeruitkomst.objects.get(module__leerwerktraject=lwt)
    submitted(
        post_json(
            opleider,
            f"{api}validations/",
            {"leeruitkomst": outcome.pk, "method": "assessment", "note": xss("xq06")},
        ),
        "validation api",
    )
    submitted(post_json(opleider, f"{api}pause/", {"reason": xss("xq07")}), "pause api")
    daily()
    participant = as_user(anna)
    checkin = CheckIn.objects.get(traject=traject)
    submitted(
        post_json(
            participant,
            f"/api/v1/checkins/{checkin.pk}/",
            {"motivatie": 4, "betrokkenheid": 4, "team": 4, "uitdaging": 4, "comment": xss("xq08")},
        ),
        "checkin api",
    )
    route = f"/leerroutes/{inschrijving.pk}/"
    page(opleider, f"/superscholing/{lwt_id}/", "xq01", "xq04", "xq05")
    page(opleider, route, "xq04", "xq07")
    page(participant, "/superscholing/", "xq01", "xq03")
    page(participant, "/mijn-leerroute/", "xq01", "xq04")
    coach = as_user(carla)
    page(coach, f"/begeleiding/{traject.pk}/", "xq08")
    page(coach, route, "xq06")
    api_json(opleider, f"/api/v1/leerwerktrajecten/{lwt_id}/", "xq01", "xq03", "xq04", "xq05")
    api_json(participant, api, "xq04")

    submitted(
        post_json(
            coach,
            f"/api/v1/trajecten/{traject.pk}/close/",
            {"outcome": "uitval", "reason": "opleiding", "text": xss("xq09")},
        ),
        "close api",
    )
    page(coach, f"/begeleiding/{traject.pk}/", "xq09")


# --- Reports: the loket's tables, and formula injection in CSV and XLSX -----------------


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+([.,]\d+)?%?$")
FORMULA = '=HYPERLINK("http://example.org/?x="&A1,"klik")'


@pytest.mark.parametrize("name", [FORMULA, "+SUM(1+1)", "-2+3", "@SUM(A1)", xss("xl01")])
def test_report_text_is_inert_in_pages_and_neutralised_in_spreadsheets(
    as_user, lars, carla, anna, amsterdam, name
):
    from openpyxl import load_workbook

    amsterdam.name = name[:100]
    amsterdam.save(update_fields=["name"])
    make_traject(overstapper=anna, coach=carla, region=amsterdam)
    loket = as_user(lars)
    today = timezone.localdate()
    response = loket.post(
        "/rapportages/",
        {
            "region": amsterdam.pk,
            "period_start": (today - timedelta(days=365)).isoformat(),
            "period_end": today.isoformat(),
            "breakdown": "sector",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    run_url = response["Location"]
    html = page(loket, run_url)
    page(loket, "/rapportages/")
    page(loket, "/")
    if name.startswith("javascript"):
        assert "xl01&lt;script&gt;" in html

    csv_text = loket.get(f"{run_url}download/csv/").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(csv_text), delimiter=";") for cell in row]
    region_cells = [c for c in cells if name[:100].lstrip("'") in c]
    assert region_cells, "the region is in the CSV"
    for cell in cells:
        if not NUMBER.match(cell):
            assert not cell.startswith(FORMULA_START), f"CSV formula: {cell!r}"

    book = load_workbook(io.BytesIO(loket.get(f"{run_url}download/xlsx/").content))
    seen_region = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"XLSX formula in {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    seen_region = seen_region or name[:100] in cell.value
    assert seen_region, "the region is in the XLSX"
    text = pdf(loket, f"{run_url}download/pdf/", *(["xl01"] if "xl01" in name else []))
    assert "".join(name[:100].split()) in text, "the region is in the PDF, as text"


def test_text_cells_that_look_like_formulas_are_never_formulas():
    """Labels and names are text: an export never hands a spreadsheet a formula."""
    from openpyxl import load_workbook

    from reports.exports import report_csv, report_xlsx

    result = {
        "region": FORMULA,
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "breakdown_label": "@SUM(A1:A9)",
        "tables": [
            {
                "key": "funnel",
                "title": "+cmd|' /C calc'!A0",
                "headers": ["=1+1", "Totaal"],
                "rows": [[FORMULA, 3], ["-2+3", "<5"], ["\tnaam", -1]],
            }
        ],
    }
    rows = list(csv.reader(io.StringIO(report_csv(result).decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        if not NUMBER.match(cell):
            assert not cell.startswith(FORMULA_START), f"CSV formula: {cell!r}"
    assert "'" + FORMULA in cells and "'=1+1" in cells and "<5" in cells and "-1" in cells

    sheet = load_workbook(io.BytesIO(report_xlsx(result))).worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert FORMULA in values and "=1+1" in values and -1 in values


def test_numbers_in_spreadsheets_stay_numbers():
    from reports.exports import spreadsheet_safe

    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(12) == 12
    assert spreadsheet_safe("<5") == "<5"
    assert spreadsheet_safe("=1+1") == "'=1+1"
    assert spreadsheet_safe("-") == "-"  # a dash for "no value" stays a dash


# --- The inspector itself catches live markup ------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{xss('bad')}</p>",
        '<input value=""><img src=x onerror=alert(1)>">',
        '<a href=" javascript:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<div hx-on:click="alert(1)"></div>',
    ],
)
def test_the_inspector_finds_live_markup(html):
    with pytest.raises(AssertionError):
        assert_inert(html, "example")


def test_the_inspector_accepts_escaped_text():
    from django.utils.html import escape

    assert_inert(f'<p>{escape(xss("ok"))}</p><input value="{escape(xss("ok"))}">', "example")


# --- Server-side validation: what the browser could be made to send --------------------


def test_a_vacature_salary_cannot_be_negative(as_user, wim, amsterdam):
    from matching.models import Vacature

    data = {
        "title": "Verzorgende",
        "sector": "zorg",
        "region": amsterdam.pk,
        "hours_per_week": "32",
        "salary_min": "-100",
        "salary_max": "-50",
    }
    response = as_user(wim).post("/vacatures/nieuw/", data)
    assert response.status_code == 200
    # The euro field (it reads amounts as Dutch people type them) refuses it with its message.
    assert "Vul een bedrag van € 0 of meer in." in response.content.decode()
    assert not Vacature.objects.exists()
    response = post_json(
        as_user(wim),
        "/api/v1/vacatures/",
        data | {"hours_per_week": 32, "salary_min": "-100.00", "salary_max": "-50.00"},
    )
    assert response.status_code == 400
    assert not Vacature.objects.exists()


# --- The leaving employer's side (issue 16) --------------------------------------------


def test_latende_text(client, as_user, anna, annas_traject, amsterdam):
    from latende import services as latende_services
    from latende.models import Campaign, Verdwijnbaan

    org = OrganisationFactory(name="ING", region=amsterdam)
    hr = UserFactory(role=Role.WERKGEVER, organisation=org, full_name="Ingrid HR")
    employer = as_user(hr)
    when = (timezone.localdate() + timedelta(days=200)).isoformat()
    submitted(
        employer.post(
            "/verdwijnbanen/nieuw/",
            {
                "function_title": xss("lt01"),
                "department": xss("lt02"),
                "headcount": "3",
                "expected_date": when,
                "reason": "sluiting",
            },
        ),
        "verdwijnbaan form",
    )
    baan = Verdwijnbaan.objects.get()
    page(employer, "/verdwijnbanen/", "lt01")
    page(employer, f"/verdwijnbanen/{baan.pk}/", "lt01", "lt02")
    submitted(
        employer.post(f"/verdwijnbanen/{baan.pk}/", {"name": xss("lt03"), "code_valid_days": 30}),
        "campaign form",
    )
    campaign = Campaign.objects.get()
    # A participant whose name is the payload, and who lets the employer know.
    (code,) = latende_services.codes_generate(by=hr, campaign=campaign, count=1)
    anna.full_name = xss("lt11")
    anna.save(update_fields=["full_name"])
    latende_services.invitation_redeem(code=code, user=anna)
    latende_services.consent_set(user=anna, organisation=org, level="fase")
    page(employer, f"/verdwijnbanen/campagnes/{campaign.pk}/", "lt03", "lt11")

    created = post_json(
        employer,
        "/api/v1/verdwijnbanen/",
        {
            "function_title": xss("lt04"),
            "department": xss("lt05"),
            "headcount": 2,
            "expected_date": when,
            "reason": "reorganisatie",
        },
    )
    assert created.status_code == 201, created.content
    api_json(employer, "/api/v1/verdwijnbanen/", "lt04", "lt05")
    made = post_json(employer, "/api/v1/campaigns/", {"verdwijnbaan": baan.pk, "name": xss("lt06")})
    assert made.status_code == 201, made.content
    api_json(employer, f"/api/v1/campaigns/{made.json()['id']}/", "lt06")
    api_json(employer, f"/api/v1/campaigns/{campaign.pk}/", "lt03", "lt11")

    refused = client.post(
        "/uitnodiging/",
        {
            "code": xss("lt07"),
            "full_name": xss("lt08"),
            "email": "nieuw@example.nl",
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    inert_response(refused, "uitnodiging", "lt07", "lt08")
    other = UserFactory(home_region=amsterdam)
    inert_response(as_user(other).post("/uitnodiging/", {"code": xss("lt09")}), "code", "lt09")
    answer = post_json(as_user(other), "/api/v1/invitations/redeem/", {"code": xss("lt10")})
    assert answer.status_code == 400 and answer["Content-Type"].startswith("application/json")


def test_orientatiegroep_text(as_user, anna, carla, amsterdam):
    from orientatie.models import Orientatiegroep

    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.ORIENTATIE)
    coach = as_user(carla)
    submitted(coach.post("/orientatie/groepen/", {"name": xss("xg01"), "members": [traject.pk]}))
    group = Orientatiegroep.objects.get(name=xss("xg01"))
    start = timezone.localtime() + timedelta(days=5)
    fields = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": xss("xg02"),
    }
    url = f"/orientatie/groepen/{group.pk}/bijeenkomsten/"
    refused = coach.post(url, fields | {"online_url": xss("xg03")})
    assert refused.status_code == 400
    inert_response(refused, "session form with a bad link", "xg02", "xg03")
    submitted(coach.post(url, fields))
    created = submitted(
        post_json(coach, "/api/v1/orientatiegroepen/", {"name": xss("xg04")}), "group api"
    )
    api_url = f"/api/v1/orientatiegroepen/{created.json()['id']}/sessions/"
    session = {
        "starts_at": (timezone.now() + timedelta(days=6)).isoformat(),
        "ends_at": (timezone.now() + timedelta(days=6, hours=1)).isoformat(),
        "place": xss("xg05"),
    }
    assert post_json(coach, api_url, session | {"online_url": xss("xg06")}).status_code == 400
    submitted(post_json(coach, api_url, session), "session api")
    page(coach, "/orientatie/groepen/", "xg01", "xg04")
    page(coach, f"/orientatie/groepen/{group.pk}/", "xg01", "xg02")
    page(coach, f"/orientatie/groepen/{group.pk}/", "xg02", htmx_target="sessies")
    page(as_user(anna), "/orientatie/mijn-orientatie/", "xg01", "xg02")
    page(as_user(anna), "/", "xg01")
