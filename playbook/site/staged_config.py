"""The staged project's ``mkdocs.yml``: the base config plus what the playbook decides.

The base ``mkdocs.yml`` at the project root holds the theme, extensions and
plugins; this module adds the site name, navigation, language and brand
colors from ``content/site.yml`` and writes one complete file. It does not
use ``INHERIT``: MkDocs replaces inherited lists where Zensical appends to
them, so a removed theme feature would come back under one engine. The merge
here is MkDocs' (mappings merged key by key, everything else replaced), done
once, so the staged file means the same to both engines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from playbook.site.escape import config_text, config_title
from playbook.content.contrast import header_text
from playbook.content.kinds import KINDS
from playbook.content.link import Playbook, Ref
from playbook.content.strings import Strings
from playbook.problems import ContentError, Problem
from playbook.site.pages import SECTION_TITLES, network_audit, page_path
from playbook.site.policy import content_security_policy

def site_id(playbook: Playbook) -> str:
    """The name the browser tools keep saved work under: the ``site_key`` setting, which never changes."""
    return playbook.site.site_key


def navigation(playbook: Playbook, strings: Strings, tools: list[str]) -> list[Any]:
    """Sections and their index pages; single entries stay out of the navigation.

    A navigation that lists every entry is copied into every page, which makes
    the site grow with the square of the entries.
    """
    pages = strings["pages"]
    nav: list[Any] = [{pages["home"]: "index.md"}]
    paths = playbook.paths()
    if paths:
        nav.append({pages["start_here"]: [{p.title: page_path(Ref("path", p.id))} for p in paths]})
    for kind, key in SECTION_TITLES.items():
        if playbook.entries.get(kind):
            nav.append({pages[key]: f"{KINDS[kind].page_folder}/index.md"})
    audit = network_audit(playbook)
    referrals = [{pages["network"]: page_path(Ref("worksheet", audit.id))}] if audit else []
    nav.append({pages["tools"]: [*referrals, *({pages[name]: f"tools/{name}.md"} for name in tools)]})
    if playbook.entries.get("workshop"):
        nav.append({strings["workshops"]["workshops"]: "workshops/index.md"})
    nav.append({pages["download_pdf"]: "handouts/index.md"})
    nav.append({pages["sources"]: "sources.md"})
    nav.append({pages["tags"]: "tags.md"})
    if "customize" not in playbook.hidden_pages:
        nav.append({pages["customize"]: "customize.md"})
    return _escaped_titles(nav)


def _escaped_titles(nav: list[Any]) -> list[Any]:
    """Every title of the navigation escaped, here and only here: the theme writes them raw."""
    return [
        {config_title(title): _escaped_titles(target) if isinstance(target, list) else target}
        for item in nav
        for title, target in item.items()
    ]


def brand_assets(playbook: Playbook, content_dir: Path) -> dict[str, bytes]:
    """The logo and favicon, copied into the staged docs under ``assets/brand/``."""
    site = playbook.site
    return {
        f"docs/assets/brand/{Path(relative).name}": (content_dir / relative).read_bytes()
        for relative in (site.logo, site.favicon)
        if relative is not None
    }


def read_base(data: bytes, name: str = "mkdocs.yml") -> dict[str, Any]:
    """The root ``mkdocs.yml`` as a mapping; plain YAML only, as the staged copy is written back as such."""
    try:
        base = yaml.safe_load(data)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = getattr(error, "problem", None) or str(error)
        raise ContentError(
            [Problem(name, line, column, "", f"cannot read the base configuration: {reason}", "keep it plain YAML")]
        ) from None
    if not isinstance(base, dict):
        raise ContentError([Problem(name, 1, 1, "", "the base configuration is not a mapping", "restore mkdocs.yml")])
    return base


def merged(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``base`` as MkDocs' ``INHERIT`` reads them: mappings merged key by key, lists replaced."""
    result = dict(base)
    for key, value in child.items():
        below = result.get(key)
        result[key] = merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return result


@dataclass(frozen=True)
class Edition:
    """One language of a site in several: its code, its own name, and its folder under the site's address."""

    language: str
    name: str
    folder: str  # "" for the language at the site's address, else "es/"


def alternates(editions: list[Edition], current: str, url: str | None) -> list[dict[str, Any]]:
    """The languages for the switch and the hreflang links: each with the way from this edition's root to its own."""
    here = next(edition for edition in editions if edition.language == current)
    up = "../" * here.folder.count("/")
    return [
        {
            "lang": edition.language,
            "name": config_text(edition.name),
            "link": up + edition.folder,
            "url": f"{url}{edition.folder}" if url else None,
            "current": edition.language == current,
        }
        for edition in editions
    ]


def staged_config(
    playbook: Playbook, strings: Strings, tools: list[str], base: dict[str, Any], editions: list[Edition] | None = None
) -> bytes:
    """The complete ``mkdocs.yml`` of the staged project; ``base`` is the root ``mkdocs.yml``, read.

    With ``editions`` (a site in several languages) the config places this language's
    build under its folder and lists the others for the switch and the hreflang links.
    """
    site = playbook.site
    theme: dict[str, Any] = {"language": site.language}
    if not site.url:
        # Material follows links instantly only to pages listed in the sitemap, and
        # MkDocs writes an empty sitemap without a site address: the feature would be
        # on in name only.
        features = base.get("theme", {}).get("features", [])
        theme["features"] = [f for f in features if f != "navigation.instant"]
    if site.logo:
        theme["logo"] = f"assets/brand/{Path(site.logo).name}"
    if site.favicon:
        theme["favicon"] = f"assets/brand/{Path(site.favicon).name}"
    extra: dict[str, Any] = {"generator": False, "content_security_policy": content_security_policy()}
    # The theme's 404 page says "404 - Not found" in English whatever the language: overrides/404.html says this.
    pages = strings.get("pages", {})
    extra["not_found"] = {"title": pages.get("not_found", ""), "intro": pages.get("not_found_intro", "")}
    if site.call_to_action is not None:
        extra["call_to_action"] = {"label": site.call_to_action.label, "url": site.call_to_action.url}
    if site.contact is not None and (site.contact.email or site.contact.phone or site.contact.address):
        extra["contact"] = {
            "email": site.contact.email,
            "phone": site.contact.phone,
            # A tel: address holds digits and a leading plus only.
            "phone_href": re.sub(r"[^+0-9]", "", site.contact.phone or ""),
            "address": ", ".join(site.contact.address_lines) or None,
        }
    config: dict[str, Any] = {
        "site_name": config_text(site.title),
        "site_description": config_text(site.description),
        "site_author": config_text(site.organization),
        "docs_dir": "docs",
        "theme": theme,
        "nav": navigation(playbook, strings, tools),
        "plugins": [{"search": {"lang": site.language}}, "tags"],
        "copyright": config_text(site.footer or site.organization),
        "extra": extra,
    }
    if site.url:
        config["site_url"] = site.url
    if editions and len(editions) > 1:
        # Material shows its language button when extra.alternate is set; a value that is not a list keeps
        # its links to each language's home out of the page head: overrides/partials/alternate.html and
        # main.html link each page to the same page in the other languages instead.
        extra["alternate"] = True
        extra["languages"] = alternates(editions, site.language, site.url)
        folder = next(e.folder for e in editions if e.language == site.language)
        if site.url:
            config["site_url"] = site.url + folder
    return yaml.safe_dump(merged(base, config), allow_unicode=True, sort_keys=False).encode("utf-8")


def brand_css(playbook: Playbook) -> bytes:
    """Brand colors as Material's CSS variables."""
    site = playbook.site
    return (
        ':root, [data-md-color-scheme="default"] {\n'
        f"  --md-primary-fg-color: {site.primary_color};\n"
        f"  --md-primary-fg-color--dark: {site.primary_color};\n"
        f"  --md-primary-bg-color: {header_text(site.primary_color)};\n"
        f"  --md-accent-fg-color: {site.accent_color};\n"
        f"  --md-typeset-a-color: {site.link_color or site.accent_color};\n"
        "}\n"
    ).encode()
