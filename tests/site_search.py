"""Searching a built site in the browser as a reader does, on either engine (tests only)."""

from __future__ import annotations

from typing import Any

SEARCH_FIELD_FOCUSED = """() => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return !!active && active.tagName === "INPUT";
}"""


def result_links(tab: Any, query: str) -> list[str]:
    """Open the search with "/", type ``query`` and return the addresses of the results, in order."""
    tab.keyboard.press("/")
    # Keys typed before the search field has focus are lost (Zensical's field is in a shadow root).
    tab.wait_for_function(SEARCH_FIELD_FOCUSED)
    tab.keyboard.type(query)
    # Material lists results in its own markup; Zensical in a dialog of options (in a shadow root).
    results = tab.locator(".md-search-result__item > a, [role='listbox'] [role='option']")
    results.first.wait_for(timeout=15000)
    # The first results shown can be those of a query typed only in part: read until three
    # reads a quarter of a second apart agree.
    reads: list[list[str]] = []
    for _ in range(60):
        reads = [*reads[-2:], [str(h) for h in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]]
        if len(reads) == 3 and reads[0] == reads[1] == reads[2]:
            break
        tab.wait_for_timeout(250)
    return reads[-1]
