"""/api/schema/ (the OpenAPI document) and RFC 6266 file names."""

import unicodedata
from urllib.parse import quote

from drf_spectacular.views import SpectacularAPIView


def content_disposition(filename: str, *, attachment: bool = False) -> str:
    """An RFC 6266 Content-Disposition: an ASCII ``filename`` for old clients and the
    exact name in ``filename*`` (RFC 8187), never a raw non-ASCII byte in the header."""
    ascii_name = (
        (unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode())
        .replace('"', "")
        .replace("\\", "")
    )
    kind = "attachment" if attachment else "inline"
    if ascii_name == filename:
        return f'{kind}; filename="{filename}"'
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


class SchemaView(SpectacularAPIView):
    """/api/schema/: drf-spectacular's view, its file name as RFC 6266 says."""

    def _get_schema_response(self, request):
        response = super()._get_schema_response(request)
        version = self.api_version or request.version or self._get_version_parameter(request)
        response["Content-Disposition"] = content_disposition(self._get_filename(request, version))
        return response
