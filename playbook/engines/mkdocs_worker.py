"""MkDocs in a second process, warmed up while the playbook is generated.

Before a cold MkDocs reads its first page it spends about a quarter of a
second importing itself, the theme, the plugins and the Markdown extensions.
``playbook build`` starts this worker first, so that work runs on a second
core while the first loads, checks and renders the content. When the staged
project is ready the worker builds it, through :func:`mkdocs_adapter.build`
like an in-process build, and answers with the page count or MkDocs'
complaints.

The worker is there to save time and never to change a result. Where it
cannot help (one core, a container's CPU quota of one, or
``PLAYBOOK_MKDOCS_WORKER=0``), cannot start, or ends without a usable answer,
MkDocs runs in this process as it would have without the worker. Warming up
loads the previous build's configuration (or, in a fresh clone, the project's
base ``mkdocs.yml``), so MkDocs hooks named there are imported one extra time.

Protocol: the parent writes one JSON line ``{"config", "site_dir",
"cache_dir", "environ"}`` to the worker's standard input and kills a worker it no longer
needs; the worker writes one JSON line back on its original standard output:
``{"pages": n}``, ``{"failed": [message, ...]}`` or ``{"crashed": "what
happened"}``. Whatever MkDocs or a plugin prints goes to standard error, as
it would in one process.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from playbook import speedups
from playbook.engines import mkdocs_adapter
from playbook.engines.engine import Builder
from playbook.logcapture import capture_warnings

OPT_OUT = "PLAYBOOK_MKDOCS_WORKER"
# How long stop() waits for a killed worker to be gone.
_KILL_WAIT_SECONDS = 5
_CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


class InProcess:
    """MkDocs in this process: the fallback, and the only way on a single core."""

    def build(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
        return mkdocs_adapter.build(config_file, site_dir, cache_dir)


class Warmed:
    """A worker process that is importing MkDocs while this one generates the content."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.spent = False

    def build(self, config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
        """Have the worker build; if it cannot answer, build here instead.

        The worker builds once; a site in several languages builds its other languages here.
        """
        if self.spent:
            return InProcess().build(config_file, site_dir, cache_dir)
        self.spent = True
        request = {
            "config": str(config_file),
            "site_dir": str(site_dir),
            "cache_dir": str(cache_dir) if cache_dir is not None else None,
            "environ": {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")},
        }
        try:
            output, _ = self.process.communicate(json.dumps(request) + "\n")
        except OSError:
            output = ""
        except BaseException:
            # Ctrl-C or a failure here: stop the worker before the caller removes the folder it writes.
            self.stop()
            raise
        reply = answer_in(output)
        if isinstance(reply.get("pages"), int):
            return int(reply["pages"])
        failed = reply.get("failed")
        if isinstance(failed, list) and failed:
            raise mkdocs_adapter.BuildFailed([str(message) for message in failed])
        # The worker crashed or said nothing usable: whatever went wrong shows again here, with its cause.
        return InProcess().build(config_file, site_dir, cache_dir)

    def stop(self) -> None:
        """Send an unused or finished worker away."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(_KILL_WAIT_SECONDS)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def answer_in(output: str) -> dict[str, Any]:
    """The worker's answer: the JSON object on its last line, or an empty one."""
    lines = output.strip().splitlines()
    try:
        reply = json.loads(lines[-1]) if lines else {}
    except ValueError:
        return {}
    return reply if isinstance(reply, dict) else {}


def cores() -> int:
    """How many cores this process may keep busy: its CPU affinity, capped by a cgroup CPU quota."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        quota, period = _CGROUP_CPU_MAX.read_text(encoding="ascii").split()[:2]
        if quota != "max":
            count = min(count, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return count


@contextlib.contextmanager
def started(warm_configs: Sequence[Path], command: Sequence[str] | None = None) -> Iterator[Builder]:
    """A builder for the block: a warming worker where a second core is free, else MkDocs in this process.

    The worker loads the first of ``warm_configs`` that exists (the previous
    build's configuration, then the base one) to import the theme, plugins and
    extensions it names.
    """
    if os.environ.get(OPT_OUT) == "0" or not speedups.enabled("worker") or cores() < 2:
        yield InProcess()
        return
    # -P and this package's folder first: the worker runs this very code, not a
    # playbook/ or yaml.py that happens to sit in the current folder.
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    argv = list(command) if command is not None else [sys.executable, "-P", "-m", "playbook.engines.mkdocs_worker"]
    try:
        process = subprocess.Popen(
            [*argv, *(str(path) for path in warm_configs)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env={**os.environ, "PYTHONPATH": path, PARENT_VARIABLE: str(os.getpid())},
        )
    except OSError:
        yield InProcess()
        return
    worker = Warmed(process)
    try:
        yield worker
    finally:
        worker.stop()


@contextlib.contextmanager
def _silenced() -> Iterator[None]:
    """Send standard output and error to nowhere for the block, at the file descriptor level."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nowhere, 1)
        os.dup2(nowhere, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for descriptor in (*saved, nowhere):
            os.close(descriptor)


def warm_up(config_files: Sequence[Path]) -> None:
    """Import what a build will need: MkDocs, and what the first configuration that exists names."""
    from mkdocs.commands import build  # noqa: F401
    from mkdocs.config import load_config

    existing = [path for path in config_files if path.is_file()]
    if not existing:
        return
    # An empty docs folder stands in for the real one, which a base configuration
    # does not have and which nothing reads while a configuration loads.
    with capture_warnings("mkdocs"), tempfile.TemporaryDirectory() as empty:
        try:
            load_config(str(existing[0]), docs_dir=empty)
        except Exception:
            # Warming up is only a head start: the real build loads the new configuration and reports its problems.
            return


def serve_one_request(warm_configs: Sequence[Path], answer: IO[str]) -> int:
    """The worker's life: warm up quietly, wait for the request, build, answer on ``answer``."""
    with _silenced():
        warm_up(warm_configs)
    line = sys.stdin.readline()
    if not line:
        return 0
    request = json.loads(line)
    os.environ.update({k: v for k, v in request["environ"].items() if v})
    reply: dict[str, object]
    try:
        cache_dir = Path(request["cache_dir"]) if request.get("cache_dir") else None
        reply = {"pages": mkdocs_adapter.build(Path(request["config"]), Path(request["site_dir"]), cache_dir)}
    except mkdocs_adapter.BuildFailed as failure:
        reply = {"failed": failure.messages}
    except Exception as error:
        # The parent builds again in its own process, where the error shows with its cause.
        reply = {"crashed": f"{type(error).__name__}: {error}"}
    answer.write(json.dumps(reply) + "\n")
    answer.flush()
    return 0


# The worker's parent, so that it can tell it was orphaned before it asked to die with it.
PARENT_VARIABLE = "PLAYBOOK_WORKER_PARENT"
# From linux/prctl.h.
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """End this worker when the command that started it ends, even by SIGKILL.

    On Linux the kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``);
    a parent that died before that was set is seen by its process id. Elsewhere
    the worker ends when its request pipe closes.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    parent = os.environ.get(PARENT_VARIABLE)
    if parent is not None and os.getppid() != int(parent):
        os._exit(1)


def main() -> None:
    die_with_parent()
    # The parent owns this process's life: Ctrl-C is the parent's to handle, and it stops this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The answer keeps the real standard output; anything else printed there goes to standard error.
    answer = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    status = serve_one_request([Path(arg) for arg in sys.argv[1:]], answer)
    # The answer is out and the site written; tearing down a heap of a thousand pages
    # would only keep the parent waiting for this process to end.
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
