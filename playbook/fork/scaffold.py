"""Create a fork's overlay folder, ``content/local/``, with commented starting files."""

from __future__ import annotations

from pathlib import Path

BRANDING = """\
# yaml-language-server: $schema=../../schemas/branding.schema.json
#
# Your career center's brand. Every key is optional and replaces the upstream
# setting in content/site.yml. Uncomment a line by removing the leading '# '.
# `playbook build` checks the colors for contrast and names a passing color if one fails.

# organization: Riverside University Career Center
# title: The Riverside Networking Playbook
# description: How Riverside students build professional relationships that last.
# url: https://careers.example.edu/playbook/     # the published address, ending in /; also turns on instant page loads
# logo: local/logo.svg                           # a file in content/local/
# favicon: local/favicon.png
# primary_color: "#1f4e79"                       # header; its text turns dark on a light color such as gold
# accent_color: "#b3541e"                        # buttons, focus ring, and links unless link_color is set
# link_color: "#0b5e7e"                          # links only, for example a darker shade of your brand
# language: en                                   # en or es; the interface follows
# paper: letter                                  # a4 or letter, for the PDF handouts
# engine: zensical                               # what builds the site: mkdocs (default, Material 9.8, until May 2027) or zensical
# footer: © Riverside University Career Center
# contact:
#   email: careers@example.edu
#   phone: "+1 555 0100"
#   address: Student Center, room 210         # several lines: address: | and the lines below, indented
# call_to_action:
#   label: Book an appointment with an advisor
#   url: https://careers.example.edu/appointments
"""

HIDDEN = """\
# yaml-language-server: $schema=../../schemas/hidden.schema.json
#
# Upstream entries to leave out of your site and handouts, by id.
# Links to them disappear too. Remove the brackets' content to hide nothing.
hide: []
"""

README = """\
Your career center's own files
==============================

Upstream never ships files into this folder, so your changes here never
conflict when you merge an upstream update.

- branding.yml           your organization, logo, colors, contact, language
- hidden.yml             upstream entries to leave out
- overrides/<id>.yml     change single fields of an upstream entry, for example:
                             id: give-before-you-ask
                             title: Give first, ask later
- notes/<id>.yml         "At our center" notes shown on an entry's page and handout:
                             id: give-before-you-ask
                             note: Our advisors can help you find something to offer.
- principles/, anti-patterns/, templates/, worksheets/, debates/, paths/, sources/
                         new entries of your own, same format as upstream
- tags.yml               tags of your own, with the name readers see:
                             tags:
                               - id: career fair
                                 label: career fairs
                         (tags.es.yml beside it names them in Spanish)
- strings/pages.yml      replace single interface strings

`playbook drift` lists the upstream entries that changed since you last
reviewed your overrides of them; `playbook drift --mark-reviewed` records
that you have.
"""


def scaffold(content_dir: Path) -> list[Path]:
    """Write the starting files that do not exist yet; return the ones written."""
    local = content_dir / "local"
    files = {
        local / "branding.yml": BRANDING,
        local / "hidden.yml": HIDDEN,
        local / "README.txt": README,
        local / "overrides" / ".gitkeep": "",
        local / "notes" / ".gitkeep": "",
    }
    written = []
    for path, text in files.items():
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
