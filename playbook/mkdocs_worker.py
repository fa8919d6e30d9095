"""MkDocs in a second process, warmed up while the playbook is generated.

Before a cold MkDocs reads its first page it spends about a quarter of a
second importing itself, the theme, the plugins and the Markdown extensions.
``playbook build`` starts this worker first, so that work runs on the second
core while the first loads, checks and renders the content. When the staged
project is ready the worker builds it, through :func:`mkdocs_adapter.build`
like an in-process build, and answers with the page count or MkDocs'
complaints.

The worker only ever saves time. On a single core, when the process cannot
start, or when it stops without an answer, the build runs in this process
exactly as it would have without it.

Protocol: the parent writes one JSON line ``{"config", "site_dir",
"environ"}`` to the worker's standard input (or closes it to send the worker
away); the worker writes one JSON line back: ``{"pages": n}``,
``{"failed": [message, ...]}`` or ``{"crashed": "what happened"}``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from playbook import mkdocs_adapter
from playbook.logcapture import capture_warnings

# The worker waits at most this long for its answer's last bytes after the build is done.
_STOP_SECONDS = 5


class Builder(Protocol):
    """Something that builds a staged project into a folder and returns the page count."""

    def build(self, config_file: Path, site_dir: Path) -> int: ...


class InProcess:
    """MkDocs in this process: the fallback, and the only way on a single core."""

    def build(self, config_file: Path, site_dir: Path) -> int:
        return mkdocs_adapter.build(config_file, site_dir)


class Warmed:
    """A worker process that is importing MkDocs while this one generates the content."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def build(self, config_file: Path, site_dir: Path) -> int:
        """Have the worker build; if it cannot answer, build here instead."""
        request = {
            "config": str(config_file),
            "site_dir": str(site_dir),
            "environ": {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")},
        }
        try:
            output, _errors = self.process.communicate(json.dumps(request) + "\n")
            reply = json.loads(output.strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            reply = {}
        if "pages" in reply:
            return int(reply["pages"])
        if "failed" in reply:
            raise mkdocs_adapter.BuildFailed([str(message) for message in reply["failed"]])
        # The worker crashed or said nothing: whatever went wrong shows again here, with its cause.
        return InProcess().build(config_file, site_dir)

    def stop(self) -> None:
        """Send an unused or finished worker away."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(_STOP_SECONDS)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def cores() -> int:
    """How many processor cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def started(warm_config: Path, command: Sequence[str] | None = None) -> Iterator[Builder]:
    """A builder for the block: a warming worker where a second core is free, else MkDocs in this process.

    ``warm_config`` is the configuration of the previous build, if any: the
    worker loads it to import the theme, plugins and extensions it names.
    """
    if cores() < 2:
        yield InProcess()
        return
    argv = list(command) if command is not None else [sys.executable, "-m", "playbook.mkdocs_worker"]
    try:
        process = subprocess.Popen(
            [*argv, str(warm_config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
    except OSError:
        yield InProcess()
        return
    worker = Warmed(process)
    try:
        yield worker
    finally:
        worker.stop()


def warm_up(config_file: Path) -> None:
    """Import what a build will need: MkDocs, and what the previous build's configuration names."""
    from mkdocs.commands import build  # noqa: F401
    from mkdocs.config import load_config

    if not config_file.is_file():
        return
    with capture_warnings("mkdocs"):
        try:
            load_config(str(config_file))
        except Exception:
            # Warming up is only a head start: the real build loads the new configuration and reports its problems.
            return


def serve_one_request(config_file: Path) -> int:
    """The worker's life: warm up, wait for the request, build, answer."""
    warm_up(config_file)
    line = sys.stdin.readline()
    if not line:
        return 0
    request = json.loads(line)
    os.environ.update({k: v for k, v in request["environ"].items() if v})
    reply: dict[str, object]
    try:
        reply = {"pages": mkdocs_adapter.build(Path(request["config"]), Path(request["site_dir"]))}
    except mkdocs_adapter.BuildFailed as failure:
        reply = {"failed": failure.messages}
    except Exception as error:
        # The parent builds again in its own process, where the error shows with its cause.
        reply = {"crashed": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    status = serve_one_request(Path(sys.argv[1]))
    # The answer is out and the site written; tearing down a heap of a thousand pages
    # would only keep the parent waiting for this process to end.
    sys.stderr.flush()
    os._exit(status)
