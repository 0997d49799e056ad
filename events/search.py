"""Text search of the event calendar, in the same way as the association directory:
``organisations.search.search_queryset`` does the matching, this module only says what
an event's searched document is.

Every word the user types must match, either

1. by full-text search with prefix matching over the names (weight A), short
   descriptions (B) and descriptions (C): the fi texts stemmed with PostgreSQL's
   ``finnish`` configuration, the sv texts with ``swedish`` and the en texts with
   ``english``, and each typed word parsed with all three, any of them matching
   (``julkonserterna`` finds *Julkonsert*, ``readings`` finds *Reading circle*). A
   word of eight letters or more also tries itself less its last four letters, so
   ``konsertteihin`` finds *konsertti* and ``lukupiirissä`` finds *Lukupiiri*. The
   document is a stored generated column, ``Event.search_vector``, with a GIN index;
2. or by trigram word similarity on ``name_fi`` (GIN trigram index
   ``event_name_fi_trgm``): typos (``kansalaisopsto``) and the end of a compound
   (``kahvila`` finds *Asukaskahvila*).

The calendar lists matches by time, not by rank (events/filters.py says why);
``search_rank`` is there for callers that rank a small set.

What it still misses:

- Inflected words whose stem changes beyond what the finnish stemmer knows:
  ``lasten`` does not find *lapsi* or *Lapsiparkki* (consonant gradation). Words
  under eight letters are not trimmed, so in descriptions and sv/en texts, where no
  trigram helps, such forms are missed; in ``name_fi`` trigrams catch many of them
  (``kuoroja`` finds *Kuoro*).
- The second part of a compound in sv/en names and in descriptions (prefixes match
  from the start of a word; trigrams only cover ``name_fi``).
- Swedish and English forms the stemmers do not join, such as irregular ones (``ran``
  does not find *run*), and a text written in another language than its field's (a
  Swedish name in ``name_fi`` is stemmed as Finnish).
- Letters typed without their diacritics: ``aanekoski`` does not find *Äänekoski*.
- Keyword names: search the keyword filter instead. Venue names match only as
  substrings of the typed word (``museossa`` does not find *Satakunnan museo*).
"""

from django.db.models import F, QuerySet

from organisations.search import search_queryset

from .models import SEARCH_CONFIGS, search_document

#: The venue's name in each language: a place's, or the centre's room and its site's.
#: They live in other tables, so they cannot be in the stored document; a word may
#: match them as a substring through the joins (``Satakunnan museo`` is found by
#: ``museo``), in the same query as the rest of the list.
VENUE_NAMES = tuple(
    f"{relation}__name_{language}"
    for relation in ("place", "room", "room__site")
    for language in ("fi", "sv", "en")
)


def search_vector():
    """The document searched: the stored ``Event.search_vector`` (a generated column
    with its own GIN index, ``event_search_vector``), computed by the database from
    :func:`events.models.search_document`."""
    return F("search_vector")


def search_events(queryset: QuerySet, text: str) -> QuerySet:
    """Events matching ``text``, annotated with ``search_rank`` (higher is better)."""
    return search_queryset(
        queryset,
        text,
        vector=search_vector(),
        trigram_field="name_fi",
        configs=tuple(SEARCH_CONFIGS.values()),
        also_contains=VENUE_NAMES,
    )


__all__ = ["search_document", "search_events", "search_vector"]
