"""Reads of the taxonomy."""

from __future__ import annotations

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Case, CharField, IntegerField, Lookup, Q, Value, When
from django.db.models.functions import StrIndex

from .models import Skill, SkillWord, search_key

MIN_QUERY = 2
MAX_QUERY = 100
# Below this many letters a trigram says little: only the text search runs.
MIN_FUZZY = 4
# A misspelt word is looked for as itself and as its closest words in the vocabulary.
CLOSE_WORDS = 3
MAX_CORRECTED = 5  # words of one query corrected (one small query each)
# When the text as typed already finds this many skills, it is no typo: no fuzzy search.
FUZZY_BELOW = 5
_ONLY_WORDS = re.compile(r"[^\w]+")


def search_query(q: str | None) -> tuple[str, str]:
    """(the text to look for as typed, its words only): lower case, no accents, no NUL, at
    most MAX_QUERY characters. Both empty when nothing searchable is left (punctuation)."""
    key = search_key((q or "").replace("\x00", " ")[: MAX_QUERY * 2])[:MAX_QUERY].strip()
    words = " ".join(_ONLY_WORDS.sub(" ", key).replace("_", " ").split())
    if len(words) < MIN_QUERY:
        return "", ""
    return key, words


def _ranked(queryset, key: str):
    return queryset.annotate(
        starts=Case(
            When(search_text__startswith=key, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("starts", "label_nl")


@CharField.register_lookup
class Similar(Lookup):
    """`word % query` (pg_trgm): similar by the similarity threshold; GIN trigram index."""

    lookup_name = "lb_similar"

    def as_sql(self, compiler, conn):
        lhs, lhs_params = self.process_lhs(compiler, conn)
        rhs, rhs_params = self.process_rhs(compiler, conn)
        return f"{lhs} %% {rhs}", [*lhs_params, *rhs_params]


def _close_words(word: str) -> list[str]:
    """The CLOSE_WORDS words of the skills' vocabulary most similar to a (misspelt) word."""
    if len(word) < MIN_FUZZY:
        return []
    return list(
        SkillWord.objects.filter(word__lb_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .order_by("-similarity", "word")
        .values_list("word", flat=True)[:CLOSE_WORDS]
    )


def _containing(queryset, text: str):
    """Rows whose search text contains `text`: LIKE on PostgreSQL (the trigram index serves
    it); instr() on SQLite, which is exact and several times faster than its LIKE."""
    if connection.vendor == "postgresql":
        return queryset.filter(search_text__contains=text)
    name = f"position{len(queryset.query.annotations)}"  # one per text (stems chain)
    position = StrIndex("search_text", Value(text))
    return queryset.alias(**{name: position}).filter(**{f"{name}__gt": 0})


def _stems(words: str) -> list[str]:
    """A rough Dutch stem per word, for the fallback without pg_trgm: drop the last two
    letters of longer words ("verpleegen" -> "verplee"), so inflections and a typo at the end
    still match."""
    return [w if len(w) < 5 else w[:-2] for w in words.split()]


def skill_search(*, q: str, limit: int | None = 20) -> list[Skill]:
    """Skills whose label or alternative label (synonyms, ESCO altLabels) contains the text,
    labels starting with it first. When that finds fewer than FUZZY_BELOW, then also skills
    that match with typos and inflections: each word also as its closest words in the
    skills' vocabulary (pg_trgm similarity) on PostgreSQL, as a stem on SQLite. Too short or
    only punctuation: an empty list. limit=None: every skill found (the API pages them)."""
    key, words = search_query(q)
    if not key:
        return []
    fields = ("pk", "label_nl", "label_en", "kind")
    found = list(_ranked(_containing(Skill.objects.all(), key), key).only(*fields)[:limit])
    if len(found) >= FUZZY_BELOW or len(words) < MIN_FUZZY:
        return found
    seen = [s.pk for s in found]
    rest = Skill.objects.exclude(pk__in=seen)
    if connection.vendor == "postgresql":
        words_q = Q()
        for n, word in enumerate(words.split()):
            alternatives = Q(search_text__contains=word)
            for close in _close_words(word) if n < MAX_CORRECTED else []:
                alternatives |= Q(search_text__contains=close)
            words_q &= alternatives
        more = _ranked(rest.filter(words_q), key)
    else:
        for stem in _stems(words):
            rest = _containing(rest, stem)
        more = _ranked(rest, key)
    return found + list(more.only(*fields)[: None if limit is None else limit - len(found)])
