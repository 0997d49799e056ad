"""Text search of the event calendar, in the same way as the association directory:
``organisations.search.search_queryset`` does the matching, this module only says what
an event's searched document is.

Every word the user types must match, either

1. by Finnish full-text search with prefix matching over the names (weight A), short
   descriptions (B) and descriptions (C) in fi, sv and en; a word of eight letters or
   more also tries itself less its last four letters, so ``konsertteihin`` finds
   *konsertti* and ``lukupiirissä`` finds *Lukupiiri*. The expression is indexed (GIN,
   migration 0002_event_search_index) and must stay identical to :func:`search_vector`;
2. or by trigram word similarity on ``name_fi`` (GIN trigram index
   ``event_name_fi_trgm``): typos (``kansalaisopsto``) and the end of a compound
   (``kahvila`` finds *Asukaskahvila*).

With text, the best matches come first.

What it still misses:

- Inflected words whose stem changes beyond what the finnish stemmer knows:
  ``lasten`` does not find *lapsi* or *Lapsiparkki* (consonant gradation). Words
  under eight letters are not trimmed, so in descriptions and sv/en texts, where no
  trigram helps, such forms are missed; in ``name_fi`` trigrams catch many of them
  (``kuoroja`` finds *Kuoro*).
- The second part of a compound in sv/en names and in descriptions (prefixes match
  from the start of a word; trigrams only cover ``name_fi``).
- Swedish and English inflection beyond prefixes: every language is stemmed with the
  Finnish rules (``konserter`` finds *konsert* by prefix, ``ran`` does not find *run*).
- Letters typed without their diacritics: ``aanekoski`` does not find *Äänekoski*.
- Keyword names and places: search the keyword and municipality filters instead.
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import QuerySet

from organisations.search import CONFIG, search_queryset


def search_vector() -> SearchVector:
    """The document searched. Kept identical to the GIN index expression."""
    return (
        SearchVector("name_fi", "name_sv", "name_en", weight="A", config=CONFIG)
        + SearchVector(
            "short_description_fi",
            "short_description_sv",
            "short_description_en",
            weight="B",
            config=CONFIG,
        )
        + SearchVector(
            "description_fi", "description_sv", "description_en", weight="C", config=CONFIG
        )
    )


def search_events(queryset: QuerySet, text: str) -> QuerySet:
    """Events matching ``text``, annotated with ``search_rank`` (higher is better)."""
    return search_queryset(queryset, text, vector=search_vector(), trigram_field="name_fi")
