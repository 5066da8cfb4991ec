"""The header's menu (workspace/menu.py): each role sees its own items, and every item it sees
opens for it (no menu link leads to a refusal) with a plain-text page title."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from workspace.menu import MENU

NAV = re.compile(r'<nav class="lb-nav"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _menu(client, path="/"):
    response = client.get(path, follow=True)  # a coach's start page is the caseload
    assert response.status_code == 200
    return LINK.findall(NAV.search(response.content.decode()).group(1))


@pytest.mark.parametrize("who", ["anna", "wim", "carla", "olga", "lars", "bea"])
def test_every_menu_item_of_a_role_opens_for_it(who, request, as_user):
    user = request.getfixturevalue(who)
    client = as_user(user)
    links = _menu(client)
    expected = [str(item.label) for item in MENU if user.role in item.roles]
    if user.is_staff:
        expected.append("Beheer")
    assert [label for _, _, label in links] == expected
    for url, _, label in links:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (who, label, url)
        # The title is what a screen reader and the browser tab say: one line of text.
        title = TITLE.search(response.content.decode()).group(1)
        assert "<" not in title and "\n" not in title, (who, url, title)


def test_the_menu_marks_the_page_shown(wim, as_user):
    links = _menu(as_user(wim), "/vacatures/")
    assert [label for _, current, label in links if current] == ["Vacatures"]


def test_the_leaving_employer_finds_its_verdwijnbanen_and_nobody_else_does(anna, wim, as_user):
    assert "Verdwijnbanen" in [label for _, _, label in _menu(as_user(wim))]
    assert "Verdwijnbanen" not in [label for _, _, label in _menu(as_user(anna))]


def test_an_overstapper_finds_the_employer_consent_from_the_profile(anna, as_user):
    client = as_user(anna)
    url = reverse("latende:consent")
    page = client.get(reverse("profile_document")).content.decode()
    assert f'<a class="utrecht-link" href="{url}">Wat mag mijn werkgever weten?</a>' in page
    consent = client.get(url)
    assert consent.status_code == 200
    assert "Je doet niet mee via een uitnodiging van een werkgever." in consent.content.decode()


def test_the_leerroute_in_the_menu_explains_itself_before_there_is_a_traject(anna, as_user):
    page = as_user(anna).get(reverse("my_route"))
    assert page.status_code == 200
    assert "Je hebt nog geen traject." in page.content.decode()
