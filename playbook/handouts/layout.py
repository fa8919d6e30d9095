"""The WeasyPrint shell: HTML to a laid-out document and PDF bytes, fetching only the project's own files.

Every PDF is tagged (PDF/UA-1) with its title and language, carries its
worksheets as form fields, and is reproducible: its dates come from the
document's ``dcterms`` meta tags, which the templates fill from
SOURCE_DATE_EPOCH, and it carries no file identifier (optional in PDF, and
hashing every object for one costs a fifth of the writing time).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Document
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from playbook.logcapture import capture_warnings

OPTIONS: dict[str, Any] = {
    "pdf_variant": "pdf/ua-1",
    "pdf_forms": True,
    "pdf_identifier": False,
}


class RenderFailed(Exception):
    """WeasyPrint could not render a document faithfully; carries what it said."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


class RefusedURL(ValueError):
    """A document asked for a resource outside the folders it may read."""


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``file:`` URLs below the allowed folders and inline ``data:`` URLs; refuses the rest.

    A template or content value that points at another host, or at a file
    elsewhere on the machine, must not leak into a handout or make the build
    reach the network, so such a URL stops the rendering with its address.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            # urllib decodes data: URLs itself; nothing leaves the process.
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        self.refused.append(url)
        allowed = " and ".join(str(root) for root in self.roots)
        raise RefusedURL(f"refused to fetch {url}: only files under {allowed} may be used")


def layout(html: str, base_dir: Path, fetcher: RestrictedFetcher) -> Document:
    """Lay out an HTML document (resources relative to ``base_dir``); raise RenderFailed on any complaint."""
    # WeasyPrint only logs what it ignores (a CSS rule, an image, a font); such a
    # handout would not look as written, so a logged warning fails the build.
    with capture_warnings("weasyprint") as log:
        try:
            document = HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher).render(
                **OPTIONS
            )
        except FatalURLFetchingError as error:
            raise RenderFailed([str(error.__cause__ or error)]) from None
        if log.messages:
            raise RenderFailed(log.messages)
    return document


def _one_name_per_radio_group(_document: Document, pdf: Any) -> None:
    """Leave the field name on a radio group only, not on each of its buttons.

    WeasyPrint names every button too, so readers see each one as a field of
    its own nested in the group ("q.q"), and a choice does not stick.
    """
    for item in pdf.objects:
        if isinstance(item, dict) and item.get("Subtype") == "/Widget" and "Parent" in item:
            item.pop("T", None)
            item.pop("TU", None)


def to_pdf(document: Document) -> bytes:
    """The PDF bytes of a laid-out document."""
    with capture_warnings("weasyprint") as log:
        data: bytes = document.write_pdf(finisher=_one_name_per_radio_group, **OPTIONS)
        if log.messages:
            raise RenderFailed(log.messages)
    return data
