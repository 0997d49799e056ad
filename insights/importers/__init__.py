"""Importers of indicator metadata and values: THL Sotkanet's REST API (1.1) and
Statistics Finland's PxWeb API (json-stat2), read with ``requests``.

Each importer first reads and checks the whole answer and only then writes, in one
transaction: a source that answers with an error, malformed JSON or CSV, or no longer
knows the indicator, table or content code raises an InsightsError with a translated
message, and what was stored stays as it was. Values are keyed by (indicator,
municipality, year, gender), so importing twice changes nothing and a changed value is
updated in place; each observation keeps the source, its ids and the time it was read.
The same answers give the wellbeing services counties' and the whole country's values
(AreaObservation), stored the same way, for comparison."""

from .base import (
    PXWEB_URL,
    SOTKANET_URL,
    AreaRow,
    ImportReport,
    InsightsError,
    Row,
)
from .followed import import_followed, import_run_record
from .pxweb import (
    pxweb_data_import,
    pxweb_data_load,
    pxweb_followed_import,
    pxweb_indicator_import,
    pxweb_parse,
    pxweb_query,
)
from .sotkanet import (
    sotkanet_areas_load,
    sotkanet_catalogue_import,
    sotkanet_data_import,
    sotkanet_data_load,
    sotkanet_indicator_import,
    sotkanet_indicator_load,
    sotkanet_municipality_regions,
    sotkanet_regions_load,
)

__all__ = [
    "PXWEB_URL",
    "SOTKANET_URL",
    "AreaRow",
    "ImportReport",
    "InsightsError",
    "Row",
    "import_followed",
    "import_run_record",
    "pxweb_data_import",
    "pxweb_data_load",
    "pxweb_followed_import",
    "pxweb_indicator_import",
    "pxweb_parse",
    "pxweb_query",
    "sotkanet_areas_load",
    "sotkanet_catalogue_import",
    "sotkanet_data_import",
    "sotkanet_data_load",
    "sotkanet_indicator_import",
    "sotkanet_indicator_load",
    "sotkanet_municipality_regions",
    "sotkanet_regions_load",
]
