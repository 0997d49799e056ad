"""Text search of the association directory.

Every word the user types must match, by either of two matchers, each served by its
own GIN index:

1. Finnish full-text search over the names in fi, sv and en (weight A) and the Finnish
   description (weight C), with prefix matching: every word becomes
   ``word:*``, so ``mielenterv`` finds *Mielenterveysyhdistys*. Words of eight letters
   or more also try a shorter prefix (the word less its last four letters), which covers
   the commonest Finnish stem changes: ``yhdistyksen`` (→ ``yhdisty:*``) finds
   *yhdistys*, ``kalastajien`` finds *Kalastajat*. The expression index is created in
   migration 0003_organisation_search_index and must stay identical to
   :func:`search_vector`.
2. Trigram word similarity on ``name_fi`` (the ``%>`` operator, index
   ``organisation_name_fi_trgm``) of the word and, for a long word, its shortened form:
   typos are forgiven (``mielentervesy`` still finds *Mielenterveysyhdistys*) and the
   end of a compound is found (``yhdistyksen`` → ``yhdisty`` finds
   *Kotiseutuyhdistys*).

With a query, results are ranked by full-text rank plus trigram similarity.

What it still misses (checked against PostgreSQL's ``finnish`` configuration):

- Inflected words under eight letters whose stem changes: ``seuroja`` does not find
  *seura* (``seuro:*`` ≠ ``seura``, trigram 0.5; the longer ``seurojen`` does, through
  ``seur:*``), ``lasten`` does not find *lapsi* or *Lapset* (consonant gradation).
- The second part of a compound is found only in ``name_fi`` and only through trigram
  similarity (``yhdistys`` finds *Mielenterveysyhdistys*, 0.78); short inflected
  parts are missed (``seuran`` does not find *Nuorisoseura*, 0.43), and so are parts
  in sv/en names or in descriptions, since full-text prefixes match from the start of
  a word.
- Swedish and English inflection: every language is stemmed with the Finnish rules.
- Typos in Swedish or English names and in descriptions (trigram covers ``name_fi``).
- Letters typed without their diacritics: ``aanekoski`` does not find *Äänekoski*.
"""

import re

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import BooleanField, F, Func, Q, QuerySet

CONFIG = "finnish"
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# A word this long also tries a prefix without its last STEM_TRIM letters.
STEM_MIN_LENGTH = 8
STEM_TRIM = 4

# Letters and digits only: nothing that to_tsquery could read as an operator.
_WORD = re.compile(r"[^\W_]+")


def search_vector() -> SearchVector:
    """The document searched. Kept identical to the GIN index expression."""
    return SearchVector("name_fi", "name_sv", "name_en", weight="A", config=CONFIG) + SearchVector(
        "description_fi", weight="C", config=CONFIG
    )


def search_terms(text: str) -> list[str]:
    """The user's words, lower-cased, without punctuation or operators."""
    words = _WORD.findall((text or "").lower())
    return [w[:MAX_TERM_LENGTH] for w in words[:MAX_TERMS]]


def prefix_query_text(terms: list[str]) -> str:
    """A to_tsquery expression: every term as a prefix (and a shorter stem prefix
    for long words), all terms required."""
    return " & ".join(_term_query_text(term) for term in terms)


def _term_variants(term: str) -> list[str]:
    """The word, and for a long word also the word less its likely inflection."""
    if len(term) >= STEM_MIN_LENGTH:
        return [term, term[:-STEM_TRIM]]
    return [term]


def _term_query_text(term: str) -> str:
    return "(" + " | ".join(f"{variant}:*" for variant in _term_variants(term)) + ")"


def _tsquery(text: str, configs: tuple[str, ...] = (CONFIG,)) -> SearchQuery:
    """The expression parsed with each configuration, any of them matching: a word is
    stemmed by Finnish, Swedish and English rules where the document has all three."""
    query = SearchQuery(text, search_type="raw", config=configs[0])
    for config in configs[1:]:
        query |= SearchQuery(text, search_type="raw", config=config)
    return query


def search_organisations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations matching ``text``, annotated with ``search_rank`` (higher is
    better). Every word must match, by full text or, in ``name_fi``, by trigram
    similarity. Text without any letters or digits leaves the queryset unfiltered."""
    return search_queryset(queryset, text, vector=search_vector(), trigram_field="name_fi")


class _AnyOf(Func):
    """``field = ANY(ARRAY(subquery))``: the subquery runs once (an InitPlan) and the
    comparison can use the field's index, also inside a bitmap OR with other indexes."""

    output_field = BooleanField()
    template = "%(expressions)s"
    arg_joiner = " = ANY("

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        return f"({sql}))", params


def _related_matches(model, lookups: tuple[str, ...], term: str) -> Q:
    """Rows of ``model`` whose related row holds ``term`` in one of the fields named by
    ``lookups`` (``place__name_fi``, ``room__site__name_fi``…; case-insensitive
    substring). The related rows (a few hundred venues) are matched in their own small
    tables first, not by joining every row of ``model`` to them."""
    by_relation: dict[str, Q] = {}
    for lookup in lookups:
        relation, field = lookup.split("__", 1)
        by_relation[relation] = by_relation.get(relation, Q()) | Q(**{f"{field}__icontains": term})
    matches = Q()
    for relation, condition in by_relation.items():
        field = model._meta.get_field(relation)
        related = field.related_model._default_manager.filter(condition).order_by()
        matches |= Q(_AnyOf(F(field.attname), ArraySubquery(related.values("pk"))))
    return matches


def search_queryset(
    queryset: QuerySet,
    text: str,
    *,
    vector,
    trigram_field: str,
    configs: tuple[str, ...] = (CONFIG,),
    also_contains: tuple[str, ...] = (),
) -> QuerySet:
    """The matcher above for any model: ``vector`` is the document (the same expression
    as the model's GIN index), ``trigram_field`` the field with a trigram index. Every
    word must match; rows are annotated with ``search_rank``. The event calendar uses
    it too (events/search.py). ``also_contains`` are further lookups (across joins,
    such as a related row's name) where a word may appear as a case-insensitive
    substring instead."""
    terms = search_terms(text)
    if not terms:
        return queryset
    condition = Q()
    for term in terms:
        matches = Q(search_document=_tsquery(_term_query_text(term), configs))
        for variant in _term_variants(term):
            matches |= Q(**{f"{trigram_field}__trigram_word_similar": variant})
        if also_contains:
            # The related rows (a few hundred venues) are matched in their own small
            # tables and joined by the foreign key, not by joining every row to them;
            # all in one condition on the row, so that a page ordered by an index
            # stops after its rows instead of first collecting every match.
            matches |= _related_matches(queryset.model, also_contains, term)
        condition &= matches
    rank = SearchRank(vector, _tsquery(prefix_query_text(terms), configs)) + TrigramWordSimilarity(
        " ".join(terms), trigram_field
    )
    return queryset.alias(search_document=vector).filter(condition).annotate(search_rank=rank)
