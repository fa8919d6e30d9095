"""The live preview's web server: the last good site, a reload signal, and the overlay for content errors.

``playbook serve`` builds the staged folder with whichever engine it uses
and hands the built folder to :class:`Preview`; this module knows nothing of
the engine. Every HTML page it sends gets one extra ``<script>`` tag that
loads ``preview.js`` from this server. The script asks ``/__preview__/state``
(a long poll, answered as soon as something happens) and reloads the page
when a newer good version is in, or shows the content problems over the page
when an edit broke the content. The site shown meanwhile stays the last good
one, and fixing the problem reloads the page.

Nothing here reaches another host: the server listens on the address given
(localhost by default) and the script talks only to it.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import posixpath
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playbook.problems import Problem

PREFIX = "/__preview__/"
ASSETS = Path(__file__).with_name("assets")
# How long a browser's question waits for news before it is answered "nothing new" and asks again.
POLL_SECONDS = 25.0
# The page shown while no version of the site has built yet (the first build found problems).
NOT_YET = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head>'
    b"<body><main><h1>No version of the site has built yet</h1>"
    b"<p>Fix the problems listed here and the page reloads.</p></main></body></html>"
)


class Preview:
    """What the server shows: the folder of the last good build, its version, and the problems of the last edit."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.version = 0
        self.built = False
        self.problems: tuple[str, ...] = ()
        self._changed = threading.Condition()
        # Held while the engine writes into the folder, so no browser reads half a page.
        self._writing = threading.RLock()

    @contextmanager
    def updating(self) -> Iterator[None]:
        """Hold every request for the block, while the site folder is being rewritten."""
        with self._writing:
            yield

    def succeeded(self) -> None:
        """A new good version is in the folder: browsers reload."""
        with self._changed:
            self.version += 1
            self.built = True
            self.problems = ()
            self._changed.notify_all()

    def failed(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        """The last edit has problems: browsers show them and keep the page they have."""
        with self._changed:
            self.version += 1
            self.problems = tuple(problem.format() for problem in problems)
            self._changed.notify_all()

    def state_after(self, version: int, timeout: float = POLL_SECONDS) -> dict[str, object]:
        """The state once it is newer than ``version``, or as it is after ``timeout`` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.version > version, timeout=timeout)
            return {"version": self.version, "problems": list(self.problems)}

    def file(self, url_path: str) -> tuple[Path | None, str]:
        """The built file an address names, or the address to redirect to when a folder's lacks its slash."""
        root = self.site_dir.resolve()
        candidate = (root / posixpath.normpath("/" + url_path).lstrip("/")).resolve()
        if not candidate.is_relative_to(root):
            return None, ""
        if candidate.is_dir():
            if not url_path.endswith("/"):
                return None, (url_path + "/" if (candidate / "index.html").is_file() else "")
            candidate = candidate / "index.html"
        return (candidate if candidate.is_file() else None), ""


def with_client(html: bytes, version: int) -> bytes:
    """The page with the preview's script and style before ``</body>`` (the version is a plain integer)."""
    tag = (
        f'<link rel="stylesheet" href="{PREFIX}preview.css">'
        f'<script src="{PREFIX}preview.js" data-preview-version="{int(version)}" defer></script>'
    ).encode()
    end = html.rfind(b"</body>")
    return html + tag if end < 0 else html[:end] + tag + html[end:]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        address = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(address.path)
        preview = self.server.preview
        if path.startswith(PREFIX):
            self._own(path[len(PREFIX) :], urllib.parse.parse_qs(address.query))
            return
        with preview.updating():
            found, redirect = preview.file(path)
            if redirect:
                self._send(301, b"", "text/plain", (("Location", urllib.parse.quote(redirect)),))
                return
            if found is None:
                missing = preview.site_dir / "404.html"
                body = missing.read_bytes() if preview.built and missing.is_file() else NOT_YET
                self._send(404 if preview.built else 503, with_client(body, preview.version), "text/html")
                return
            data = found.read_bytes()
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if found.suffix == ".html":
            data = with_client(data, preview.version)
        self._send(200, data, kind)

    def _own(self, name: str, query: dict[str, list[str]]) -> None:
        if name == "state":
            try:
                after = int(query.get("after", ["0"])[0])
            except ValueError:
                after = 0
            body = json.dumps(self.server.preview.state_after(after)).encode()
            self._send(200, body, "application/json")
        elif name in ("preview.js", "preview.css"):
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            self._send(200, (ASSETS / name).read_bytes(), kind)
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The browser moved on (a reload) before the answer was out.
            pass


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves a :class:`Preview` until shut down."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        self.preview = preview
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


def parse_address(text: str) -> tuple[str, int]:
    """``host:port`` as given to ``--dev-addr``; raise ValueError with what to write instead."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"'{text}' is not host:port — write it like 127.0.0.1:8000")
    return host.strip("[]") or "127.0.0.1", int(port)


def start(preview: Preview, address: tuple[str, int]) -> PreviewServer:
    """Start serving in a background thread; the server's ``url`` says where."""
    server = PreviewServer(address, preview)
    threading.Thread(target=server.serve_forever, daemon=True, name="preview-server").start()
    return server
