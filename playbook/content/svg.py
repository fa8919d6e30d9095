"""What makes an SVG image unsafe to publish as a logo: anything that runs or fetches when it is opened.

The site's pages show the logo with ``<img>``, where a browser runs nothing in
it; but the file is also published at its own address on the site's origin,
and a reader (or an attacker's link) can open it directly, where its scripts
run with the site's cookies and saved work. So an SVG brand image may hold
shapes, text and styles, and nothing that runs or loads another document.

The file is read by a real XML parser (expat). A document type declaration is
refused outright: entities are how XML grows a small file into a huge one or
pulls in a file from disk, and a logo needs none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
# Elements that run script or embed another document.
_RUNNING = {
    "script": "a <script> element",
    "foreignObject": "a <foreignObject> element (it embeds HTML)",
    "iframe": "an <iframe> element",
    "object": "an <object> element",
    "embed": "an <embed> element",
}
# A picture embedded in the file itself is no other file; an embedded SVG or HTML document could run script.
_EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
# Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")
_URL_FUNCTION = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Danger:
    """One thing in the image that runs or fetches, at its line of the SVG file."""

    line: int
    what: str


def _local_name(name: str) -> tuple[str, str]:
    """``(namespace, local name)`` of a name as expat reports it with a namespace separator."""
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def _is_internal(reference: str) -> bool:
    """A reference to a part of the same image (``#id``) or a picture inside it; anything else loads another file."""
    return reference.strip().startswith("#") or _EMBEDDED_PICTURE.match(reference.strip()) is not None


def _scripted(value: str) -> bool:
    return _IGNORED_IN_SCHEME.sub("", value).lower().startswith(("javascript:", "vbscript:", "data:text/html"))


class _Scan:
    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.dangers: list[Danger] = []
        self.in_style = 0
        self.root: tuple[str, str] | None = None

    def add(self, what: str) -> None:
        self.dangers.append(Danger(self.parser.CurrentLineNumber, what))

    def refuse_doctype(self, *_: object) -> None:
        raise _Refused("a document type declaration (<!DOCTYPE …>)")

    def refuse_entity(self, *_: object) -> None:
        raise _Refused("an entity declaration (<!ENTITY …>)")

    def instruction(self, target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.add("an <?xml-stylesheet?> instruction (it loads a style sheet from another file)")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, local = _local_name(name)
        if self.root is None:
            self.root = (namespace, local)
        if local in _RUNNING:
            self.add(_RUNNING[local])
        if local == "style":
            self.in_style += 1
        for attribute, value in attributes.items():
            attribute_namespace, attribute_name = _local_name(attribute)
            shown = ("xlink:" if attribute_namespace == _XLINK_NAMESPACE else "") + attribute_name
            if attribute_name.lower().startswith("on"):
                self.add(f"an event handler attribute {shown}= on <{local}>")
            elif any(_scripted(part) for part in value.split(";")):
                # ";" separates the steps of an animation's values=, each of which may set an address.
                self.add(f"a script address in {shown}= on <{local}>")
            elif attribute_name == "href" and not _is_internal(value):
                self.add(f"an address of another file in {shown}= on <{local}> (only #id references are allowed)")
            self.styles(value if attribute_name == "style" else "")

    def end(self, name: str) -> None:
        if _local_name(name)[1] == "style":
            self.in_style -= 1

    def text(self, data: str) -> None:
        if self.in_style:
            self.styles(data)

    def styles(self, css: str) -> None:
        if "@import" in css.lower():
            self.add("an @import in a style (it loads a style sheet from another file)")
        for reference in _URL_FUNCTION.findall(css):
            if not _is_internal(reference):
                self.add("a url(…) in a style that loads another file (only url(#id) is allowed)")


class _Refused(Exception):
    pass


def svg_dangers(data: bytes) -> list[Danger]:
    """Everything in the SVG document ``data`` that would run or fetch when it is opened; [] when it is safe."""
    parser = expat.ParserCreate(namespace_separator=" ")
    scan = _Scan(parser)
    parser.StartDoctypeDeclHandler = scan.refuse_doctype
    parser.EntityDeclHandler = scan.refuse_entity
    parser.ProcessingInstructionHandler = scan.instruction
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return [Danger(parser.CurrentLineNumber, str(refused))]
    except expat.ExpatError as error:
        return [Danger(error.lineno, f"XML that is not well-formed ({expat.errors.messages[error.code]})")]
    if scan.root != (SVG_NAMESPACE, "svg"):
        return [Danger(1, "no SVG image (the first element is not <svg> in the SVG namespace)")]
    return scan.dangers
