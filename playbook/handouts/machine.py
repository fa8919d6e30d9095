"""What the PDF step needs from the machine: WeasyPrint's libraries and the handouts' fonts.

Each need is checked before anything is laid out and names the Debian package that provides
it, so a machine without it gets one line saying what to install instead of a traceback or
a handout set in a fallback font. ``tasks.py`` installs the same packages.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import re
import warnings

from playbook.problems import MachineError

# WeasyPrint opens these libraries by name when it is imported; a missing one fails the import.
LIBRARIES = {
    "gobject-2.0": "libglib2.0-0",
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "harfbuzz-subset": "libharfbuzz-subset0",
    "fontconfig": "libfontconfig1",
}
# The families the print stylesheets (generators/print/) name.
FONTS = {
    "DejaVu Sans": "fonts-dejavu-core",
    "DejaVu Serif": "fonts-dejavu-core",
    "DejaVu Sans Mono": "fonts-dejavu-core",
}
# What WeasyPrint logs when the machine, not the document, falls short.
MACHINE_WARNINGS = ((re.compile(r"instead of HarfBuzz-Subset"), "HarfBuzz's subsetter", "libharfbuzz-subset0"),)


def import_weasyprint() -> None:
    """Import WeasyPrint, turning a missing library into a MachineError that names its package."""
    with warnings.catch_warnings():
        # WeasyPrint warns at import when the subsetter is missing; the check below says it better.
        warnings.simplefilter("ignore")
        try:
            import weasyprint  # noqa: F401
        except OSError as error:
            raise _missing_library(str(error)) from None
    require_libraries()


def _missing_library(text: str) -> MachineError:
    for name, package in LIBRARIES.items():
        if re.search(rf"lib{re.escape(name)}[-.]|'{re.escape(name)}", text):
            return MachineError(f"the {name} library that WeasyPrint needs", package)
    return MachineError(f"a library WeasyPrint needs ({text.splitlines()[0]})", "libpango-1.0-0")


@functools.cache
def require_libraries() -> None:
    """Every library the PDFs need can be opened (WeasyPrint opens the subsetter only when present)."""
    for name, package in LIBRARIES.items():
        if ctypes.util.find_library(name) is None:
            raise MachineError(f"the {name} library that the PDF handouts need", package)


@functools.cache
def require_fonts() -> None:
    """Fontconfig finds each family the print stylesheets name, not a fallback."""
    library = ctypes.util.find_library("fontconfig")
    if library is None:
        raise MachineError("the fontconfig library that the PDF handouts need", LIBRARIES["fontconfig"])
    fc = ctypes.CDLL(library)
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
    fc.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
    fc.FcFontMatch.restype = ctypes.c_void_p
    fc.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    fc.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    for family, package in FONTS.items():
        pattern = fc.FcNameParse(family.encode())
        fc.FcConfigSubstitute(None, pattern, 0)
        fc.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = fc.FcFontMatch(None, pattern, ctypes.byref(result))
        found = ctypes.c_char_p()
        matched = bool(match) and fc.FcPatternGetString(match, b"family", 0, ctypes.byref(found)) == 0
        name = found.value.decode() if matched and found.value else ""
        fc.FcPatternDestroy(pattern)
        if match:
            fc.FcPatternDestroy(match)
        if name != family:
            raise MachineError(f"the font {family} that the handouts are set in", package)


def machine_problem(message: str) -> MachineError | None:
    """The machine problem a WeasyPrint message reports, or None when it is about the document."""
    for pattern, missing, package in MACHINE_WARNINGS:
        if pattern.search(message):
            return MachineError(missing, package)
    return None
