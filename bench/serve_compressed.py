#!/usr/bin/env python3
"""Serve a built site from 127.0.0.1 compressed, as a static host would: gzip for text, caching headers.

    .venv/bin/python bench/serve_compressed.py SITE [--port 8123]

For measuring what a reader downloads (bench/lighthouse.py): a host such as
GitHub Pages or Netlify sends HTML, CSS, JavaScript, JSON and SVG gzip- or
brotli-compressed, which a plain ``python -m http.server`` does not. This one
compresses every text response with gzip (level 6, what most hosts use) when
the browser accepts it, and sends ``Cache-Control: max-age=600``. It listens on
the loopback address only and serves nothing outside the folder.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest"}


class Handler(http.server.SimpleHTTPRequestHandler):
    """The standard static handler, with gzip for text and a cache lifetime."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address with its slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED:
            return super().send_head()
        if not path.is_file():
            return super().send_head()  # the 404
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def start(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` in a background thread; the server (to shut down) and its address."""
    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    server, address = start(args.site, args.port)
    print(f"serving {args.site} compressed at {address} (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
