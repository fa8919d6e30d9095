"""The whole pipeline, stage by stage: content → playbook → pages → staged project → site."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from playbook import gc_pause, speedups
from playbook.checker.selfcheck import template_problems
from playbook.content.collect import LOCAL_FOLDER, Loaded, Reads, collect
from playbook.content.contrast import INTERFACE_RATIO, TEXT_RATIO, failures
from playbook.content.kinds import KINDS
from playbook.content.limits import apply_limits
from playbook.content.link import Playbook, Ref, link
from playbook.content.load import read_mapping
from playbook.content.model import Site
from playbook.content.strings import Strings, languages, load_strings, translation_languages
from playbook.content.translation import Status, apply_translations
from playbook.content.validate import problem_at
from playbook.engines import engine as engines
from playbook.engines.engine import BuildFailed, Refresher
from playbook.fork.overlay import apply_overlay, check_assets, singleton
from playbook.handouts import packs, pdf
from playbook.problems import ContentError, Problem
from playbook.project import Project
from playbook.render import jinja_cache
from playbook.render.templates import render_pages
from playbook.report import Reporter
from playbook.site import offline, preview, publish, watch
from playbook.site.pages import Shaper, page_path
from playbook.site.preview import Preview
from playbook.site.stage import SyncResult, read_tree, sync_tree, write_if_changed
from playbook.site.staged_config import Edition, brand_assets, brand_css, read_base, site_id, staged_config
from playbook.site.workshops import Download, workshop_pages

# The folder a site's second and further languages are staged and published in: es/.
EDITION_FOLDER = re.compile(r"^[a-z]{2}/")
# What the staged folder held after the last build (see playbook.site.stage), beside the compiled templates.
STAGE_MANIFEST = ".cache/stage.json"


@dataclass(frozen=True)
class Checked:
    """A valid playbook and the strings of its language, with the state of each translation."""

    playbook: Playbook
    strings: Strings
    files: int
    translations: tuple[Status, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())


def check(project: Project, reporter: Reporter, language: str | None = None, reads: Reads | None = None) -> Checked:
    """Load, validate and link all content; raise ContentError with every problem.

    ``language`` builds the playbook in another language than the site settings name
    (a site in several languages is checked once in each). With ``reads`` (a live
    preview's), files unchanged since its last pass are not read again.
    """
    with gc_pause.paused():
        checked = _check(project, reporter, language, reads)
    for warning in checked.warnings:
        reporter.warn(warning.format())
    return checked


def site_language(project: Project, loaded: list[Loaded]) -> str:
    """The language the settings ask for: the fork's branding.yml, else site.yml."""
    branding = project.content_dir / "local" / "branding.yml"
    if branding.is_file():
        document, _ = read_mapping(branding, "branding.yml", "", root=project.root, empty=True)
        data = document.data if document is not None and isinstance(document.data, dict) else {}
        several = data.get("languages")
        if isinstance(several, (list, tuple)) and several and isinstance(several[0], str):
            return several[0]
        if isinstance(data.get("language"), str):
            return str(data["language"])
    site = singleton(loaded, "site")
    return site.value.editions[0] if site is not None and isinstance(site.value, Site) else "en"


def _check(project: Project, reporter: Reporter, language: str | None, reads: Reads | None) -> Checked:
    translations: list[Status] = []
    with reporter.stage("load") as stage:
        loaded, problems = collect(project.root, project.content_dir, reads)
        language = language or site_language(project, loaded)
        translating = language in translation_languages(project.generators_dir)
        if translating:
            loaded, translations, found = apply_translations(
                project.root, project.content_dir, loaded, language, skip="local"
            )
            problems += found
        loaded, overlay, overlay_problems = apply_overlay(
            project.root, project.content_dir, loaded, language if translating else "en"
        )
        problems += overlay_problems
        translations += overlay.translations
        stage.detail = f"{len(loaded) + len({p.path for p in problems})} files"
        if overlay.hidden or overlay.notes or any(item.local or _forked(item) for item in loaded):
            stage.detail += " (with content/local/)"
    if translating:
        reporter.say(f"{'translate':<9} {translation_summary(language, translations)}")
    with reporter.stage("link") as stage:
        site = singleton(loaded, "site")
        if site is not None:
            problems += check_assets(project.root, project.content_dir, site) + brand_problems(site)
            problems += language_problems(site, languages(project.generators_dir))
        # The links are checked even when files had problems, leaving out references to those files:
        # an editor sees a dangling id in one file beside a typo in another, in one run.
        unread = unread_ids(project, problems)
        playbook, link_problems = link(loaded, hidden=overlay.hidden, notes=overlay.notes, unread=unread)
        playbook = None if problems else playbook
        problems += link_problems
        if playbook is not None and playbook.site.language != language:
            # A site in several languages is built once in each: the settings name the first.
            playbook = replace(playbook, site=playbook.site.model_copy(update={"language": language}))
        strings, string_problems = load_strings(project.root, project.generators_dir, language, overlay.strings_dir)
        problems += string_problems
        if playbook is not None and not problems:
            playbook, limit_problems = apply_limits(playbook)
            problems += limit_problems
        if playbook is not None and not problems:
            problems += template_problems(playbook)
        stage.detail = f"{sum(len(t) for t in playbook.entries.values())} entries" if playbook else "stopped"
    if problems or playbook is None:
        raise ContentError(problems)
    if translating:
        playbook = replace(playbook, language=language, untranslated=untranslated_refs(playbook, translations))
    warnings = tuple(status.warning for status in translations if status.warning is not None)
    return Checked(playbook, strings, len(loaded), tuple(translations), warnings)


def unread_ids(project: Project, problems: list[Problem]) -> frozenset[str]:
    """The ids of the files that had problems: each file's name, and the id it holds where it can be read."""
    ids: set[str] = set()
    for shown in sorted({problem.path for problem in problems}):
        ids.add(Path(shown).name.split(".", 1)[0])
        path = project.root / shown
        if path.is_file() and not path.is_symlink():
            document, _ = read_mapping(path, shown, "", root=project.root)
            written = document.data.get("id") if document is not None else None
            ids.update([written] if isinstance(written, str) else [])
    return frozenset(ids)


def _forked(item: Loaded) -> bool:
    return any(LOCAL_FOLDER in Path(overlay.path).parts for overlay in item.overlays)


def translation_summary(language: str, translations: list[Status]) -> str:
    """One line on the state of the translations: how many are done, stale, unreviewed and missing."""
    counts = {state: sum(1 for s in translations if s.state == state) for state in ("reviewed", "stale", "unreviewed")}
    missing = sum(1 for s in translations if s.state == "missing")
    done = len(translations) - missing
    parts = [f"{language}: {done}/{len(translations)} files"]
    parts += [f"{n} {state}" for state, n in counts.items() if n and state != "reviewed"]
    return ", ".join(parts)


def untranslated_refs(playbook: Playbook, translations: list[Status]) -> frozenset[Ref]:
    """The entries with no translation of their own file: their pages say so, in English."""
    missing = {(s.english, s.entry) for s in translations if s.state == "missing"}
    return frozenset(ref for ref, origin in playbook.origins.items() if (origin.document.path, ref.id) in missing)


def language_problems(site: Loaded, supported: list[str]) -> list[Problem]:
    """A language the interface has no strings for would label English pages with its code."""
    value = site.value
    assert isinstance(value, Site)
    paths: list[tuple[str | int, ...]] = [("languages", i) for i in range(len(value.languages))] or [("language",)]
    problems = []
    for path, language in zip(paths, value.editions, strict=True):
        if language not in supported:
            problems.append(
                problem_at(
                    site.document_for(path),
                    path,
                    f"the language '{language}' is not supported: the interface, headings and handouts have no strings in it",
                    f"use one of {', '.join(supported)}; a new language needs its strings in generators/strings/{language}/",
                )
            )
    return problems


def brand_problems(site: Loaded) -> list[Problem]:
    """Brand colors that fail WCAG contrast, with the nearest color that passes."""
    value = site.value
    assert isinstance(value, Site)
    problems = []
    for pair, found, nearest in failures(value.primary_color, value.accent_color, value.link_color):
        problems.append(
            problem_at(
                site.document_for((pair.setting,)),
                (pair.setting,),
                f"{pair.role} have a contrast of {found:.2f}:1, below the {pair.minimum:g}:1 that WCAG 2.1 AA requires",
                f"the nearest color that passes, with the same hue (only its OKLCH lightness changed), is "
                f'{nearest}: {pair.setting}: "{nearest}"'
                + (
                    f'; or keep accent_color for buttons and the focus ring and add link_color: "{nearest}" for links'
                    if pair.setting == "accent_color" and pair.minimum == TEXT_RATIO and found >= INTERFACE_RATIO
                    else ""
                )
                + (
                    "; a color this light can stay your brand as primary_color, the header, whose text turns dark"
                    if pair.setting in ("accent_color", "link_color") and found < INTERFACE_RATIO
                    else ""
                ),
            )
        )
    return problems


def generate(
    project: Project, checked: Checked, reporter: Reporter, editions: list[Edition] | None = None
) -> dict[str, bytes]:
    """Render every page and assemble the staged project's files (of one language of ``editions``)."""
    with gc_pause.paused(), reporter.stage("render") as stage:
        shaper = Shaper(checked.playbook, checked.strings, site_id=site_id(checked.playbook))
        pages = shaper.pages()
        docs = render_pages(project.root, project.generators_dir, pages)
        stage.detail = f"{len(docs)} pages"
    files = {f"docs/{path}": data for path, data in docs.items()}
    files["docs/assets/brand.css"] = brand_css(checked.playbook)
    files.update(brand_assets(checked.playbook, project.content_dir))
    files.update({f"overrides/{path}": data for path, data in read_tree(project.overrides_dir).items()})
    base = read_base(project.base_config.read_bytes())
    files["mkdocs.yml"] = staged_config(checked.playbook, checked.strings, shaper.tool_names(), base, editions)
    # The handouts page and the workshops' pages, without the PDFs: only build renders them (see render_handouts).
    files.update(pdf.staged_files(project.root, project.generators_dir, checked.strings, None))
    files.update(workshop_files(project, checked, None))
    return files


def workshop_files(project: Project, checked: Checked, rendered: packs.Packs | None) -> dict[str, bytes]:
    """The workshops' pages, and their PDFs when ``rendered`` (None in the live preview, which links none)."""
    downloads = None
    if rendered is not None:
        downloads = {p.file: Download(p.pages, pdf.size_text(len(p.data))) for p in rendered.files}
    pages = workshop_pages(checked.playbook, checked.strings, downloads)
    files = {f"docs/{path}": data for path, data in render_pages(project.root, project.generators_dir, pages).items()}
    for item in rendered.files if rendered is not None else []:
        files[f"docs/{pdf.FOLDER}/{item.file}"] = item.data
    return files


def render_handouts(project: Project, checked: Checked, reporter: Reporter) -> list[pdf.Handout]:
    """Render the PDF handouts (full, short, cards) from the checked playbook."""
    with reporter.stage("pdf") as step:
        sources = pdf.Sources(project.root, project.content_dir, project.generators_dir)
        epoch = pdf.epoch_seconds(source_date_epoch(project.root))
        handouts = pdf.render_handouts(sources, checked.playbook, checked.strings, epoch)
        size = pdf.size_text(sum(len(h.data) for h in handouts))
        kept = ", unchanged inputs: kept from the last build" if handouts and all(h.cached for h in handouts) else ""
        step.detail = f"{len(handouts)} PDFs, {sum(h.pages for h in handouts)} pages, {size}{kept}"
    for warning in sorted({w for h in handouts for w in h.warnings}):
        reporter.say(f"warning: {warning.format()}")
    return handouts


def render_workshop_documents(project: Project, checked: Checked, reporter: Reporter) -> packs.Packs:
    """Render the facilitator guides, slides and participant sheets, in one layout."""
    with reporter.stage("workshops") as step:
        sources = pdf.Sources(project.root, project.content_dir, project.generators_dir)
        epoch = pdf.epoch_seconds(source_date_epoch(project.root))
        rendered = packs.render_packs(sources, checked.playbook, checked.strings, epoch)
        size = pdf.size_text(sum(len(p.data) for p in rendered.files))
        step.detail = f"{len(rendered.files)} PDFs, {sum(p.pages for p in rendered.files)} pages, {size}"
    return rendered


def stage(project: Project, files: dict[str, bytes], reporter: Reporter) -> SyncResult:
    """Write the staged project, changing only what changed."""
    with reporter.stage("stage") as step:
        manifest = project.root / STAGE_MANIFEST if speedups.enabled("stage-manifest") else None
        result = sync_tree(project.stage_dir, files, manifest, keep=engines.WORK_FOLDERS)
        step.detail = f"{result.written} written, {result.unchanged} unchanged, {result.removed} removed"
    return result


def source_date_epoch(root: Path) -> str:
    """The build timestamp: SOURCE_DATE_EPOCH if set, else the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return out or "0"


def engine_of(checked: Checked, engine: str | None = None) -> str:
    """The engine to build with: ``engine`` if given (``--engine``), else the site's ``engine:`` setting."""
    return engine or checked.playbook.site.engine


def build_site(
    project: Project,
    reporter: Reporter,
    *,
    handouts: bool = True,
    engine: str | None = None,
) -> Checked:
    """Check, generate, stage and build into a scratch folder, then swap it in for ``site/``.

    Without ``handouts`` the site says the PDFs were not built, as ``serve`` does.
    The engine is ``engine`` or the site's setting (see :func:`engine_of`).
    """
    checked = check(project, reporter)
    name = engine_of(checked, engine)
    builder = engines.InProcess(name)
    languages = checked.playbook.site.editions
    versions = [checked, *(check(project, reporter, language) for language in languages[1:])]
    editions = [
        Edition(
            v.playbook.site.language, v.strings["pages"]["language_name"], f"{v.playbook.site.language}/" if i else ""
        )
        for i, v in enumerate(versions)
    ]
    files: dict[str, bytes] = {}
    # Without handouts, those of the last build stay when they are still the ones it wrote.
    kept: dict[str, list[pdf.Handout] | None] = {}
    dropped: list[Path] = []
    made: dict[str, list[pdf.Handout]] = {}
    for edition, version in zip(editions, versions, strict=True):
        # A site in several languages is one staged tree: the first language at its root, each other in
        # its folder with its own mkdocs.yml, so one sync stages them all and one swap publishes them.
        part = generate(project, version, reporter, editions if len(editions) > 1 else None)
        if handouts:
            # The PDFs join the staged docs, so MkDocs checks the links to them and copies them into the site.
            made[edition.folder] = render_handouts(project, version, reporter)
            part.update(pdf.staged_files(project.root, project.generators_dir, version.strings, made[edition.folder]))
            part.update(workshop_files(project, version, render_workshop_documents(project, version, reporter)))
        else:
            kept[edition.folder], gone = pdf.previous(project.root, project.site_dir, edition.folder)
            dropped += gone
            part.update(pdf.staged_files(project.root, project.generators_dir, version.strings, kept[edition.folder]))
        files.update({edition.folder + path: data for path, data in part.items()})
    stage(project, files, reporter)
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(project.root)
    scratch = publish.scratch_dir(project.site_dir)
    building = checked
    try:
        with reporter.stage(name) as step:
            pages = 0
            for edition, version in zip(editions, versions, strict=True):
                building = version  # the language the engine complains about, for the pages' sources
                config = project.stage_dir / edition.folder / "mkdocs.yml"
                pages += builder.build(config, scratch / edition.folder, project.root / jinja_cache.FOLDER)
            step.detail = f"{pages} HTML pages (strict)" + (f", {len(editions)} languages" if len(editions) > 1 else "")
        for note in engines.notes(name, project.stage_dir / "mkdocs.yml"):
            reporter.say(f"{name:<9} {note}")
        with reporter.stage("publish") as step:
            publish.swap_in(scratch, project.site_dir)
            step.detail = f"{project.site_dir.relative_to(project.root)}/"
        for folder, rendered in made.items():
            pdf.remember(project.root, rendered, folder)
        if not handouts:
            _say_what_happened_to_handouts(project, reporter, kept, dropped)
    except BuildFailed as failure:
        publish.discard(scratch)
        raise ContentError(_engine_problems(name, failure.messages, page_sources(building.playbook))) from None
    except BaseException:
        publish.discard(scratch)
        raise
    return checked


def _say_what_happened_to_handouts(
    project: Project, reporter: Reporter, kept: dict[str, list[pdf.Handout] | None], dropped: list[Path]
) -> None:
    """After a build without PDFs: that the last build's handouts were kept, or which ones went and why."""
    for folder, handouts in kept.items():
        if handouts is not None:
            reporter.say(
                f"pdf       kept the {len(handouts)} handouts of the last build in "
                f"{project.site_dir.name}/{folder}{pdf.FOLDER}/ (--no-pdf); they do not show edits made since "
                "— run `playbook build` to renew them"
            )
    for path in dropped:
        print(
            f"playbook: removed {path.relative_to(project.root).as_posix()}: --no-pdf builds no PDFs and keeps only "
            "the three handouts, unchanged since the last build wrote them; this one is not among them, so it could "
            "be out of date — run `playbook build` to make it again",
            file=sys.stderr,
        )


def page_sources(playbook: Playbook) -> dict[str, str]:
    """Staged page path → the content file it is generated from."""
    return {page_path(ref): origin.path for ref, origin in playbook.origins.items() if ref.kind in KINDS}


def _engine_problems(name: str, messages: list[str], sources: dict[str, str]) -> list[Problem]:
    """The engine's complaints, reported against the content file of the page they name."""
    title = engines.TITLES[name]
    problems = []
    for message in messages:
        text = message.strip().replace("\n", " ")
        named = re.search(r"Doc file '([^']+)'", text)
        page = named.group(1) if named else ""
        if page in sources:
            problems.append(
                Problem(sources[page], 1, 1, "", f"{title}: {text}", "fix the entry, or the template that renders it")
            )
        else:
            where = f".stage/docs/{page}" if page else ".stage/mkdocs.yml"
            problems.append(
                Problem(where, 1, 1, "", f"{title}: {text}", "fix the template or file that produces this page")
            )
    return problems


def build_offline(project: Project, reporter: Reporter, engine: str = engines.DEFAULT) -> Path:
    """Build the offline copy with ``engine`` from the staged project ``playbook build`` left; return the zip's path.

    A site in several languages is copied whole: each language's staged project (the first at the
    root, the others in their folders) is built for disk into the same folder of the copy, so the
    language switch's relative links lead from a page to the same page in the other language.
    """
    with reporter.stage("offline") as step:
        tree = read_tree(project.stage_dir, skip=engines.WORK_FOLDERS)
        folders = sorted({path[:3] for path in tree if EDITION_FOLDER.match(path) and path[3:] == "mkdocs.yml"})
        editions = {
            folder: {
                path.removeprefix(folder): data
                for path, data in tree.items()
                if path.startswith(folder) and (folder or not EDITION_FOLDER.match(path))
            }
            for folder in ["", *folders]
        }
        pages = 0
        with tempfile.TemporaryDirectory(prefix=".offline-", dir=project.root) as temporary:
            work = Path(temporary)
            (work / "site").mkdir()
            for folder, staged in editions.items():
                files = offline.offline_project(staged)
                sync_tree(work / "project" / folder, files)
                (work / "site" / folder).mkdir(exist_ok=True)
                try:
                    pages += engines.InProcess(engine).build(
                        work / "project" / folder / offline.CONFIG_NAME, work / "site" / folder
                    )
                except BuildFailed as failure:
                    title = engines.TITLES[engine]
                    raise ContentError(
                        Problem(
                            f".stage/{folder}mkdocs.yml",
                            1,
                            1,
                            "",
                            f"{title} (offline copy): {message}",
                            "fix the staged project",
                        )
                        for message in failure.messages
                    ) from None
            top = f"{offline.top_folder(editions[''])}-offline"
            data = offline.zip_tree(work / "site", top, pdf.epoch_seconds(source_date_epoch(project.root)))
        target = project.root / offline.ZIP_PATH
        write_if_changed(target, data)
        languages = f", {len(editions)} languages" if len(editions) > 1 else ""
        step.detail = f"{pages} HTML pages{languages}, {pdf.size_text(len(data))}"
    return target


class Previewing:
    """``playbook serve``'s work after each edit: check, stage, and have the engine bring the preview up to date.

    A content problem leaves the preview's folder as it was and shows the
    problems in the browser. An edit that changed only pages is refreshed in
    place by the engine (:meth:`Refresher.refresh`); a change to the
    configuration, the theme, the assets or the set of pages, or a refresh
    that failed, builds afresh beside the folder and swaps it in.
    """

    def __init__(self, project: Project, reporter: Reporter, engine: Refresher, site_dir: Path) -> None:
        self.project = project
        self.reporter = reporter
        self.engine = engine
        self.preview = Preview(site_dir)
        self.reads = Reads()
        self.exact = False
        self.lock = threading.Lock()

    def update(self) -> None:
        """Bring the preview up to date with the sources (one update at a time)."""
        with self.lock, gc_pause.paused():
            try:
                checked = check(self.project, self.reporter, reads=self.reads)
                changed = stage(self.project, generate(self.project, checked, self.reporter), self.reporter).changed
                if not changed and self.exact and not self.preview.problems:
                    # A save that changed nothing shown (a comment, or the same bytes again): no reload.
                    return
                self._build(checked, changed)
            except ContentError as error:
                # The terminal first: the message is there even while the browser's overlay is being prepared.
                print(
                    error.report().replace("nothing was written", "the preview keeps the last good version"),
                    file=sys.stderr,
                    flush=True,
                )
                self.preview.failed(error.problems)
                return
        self.preview.succeeded()

    def warm_up(self) -> None:
        """Refresh the unchanged folder once, so the engine has done its first-time work before the first edit."""
        with self.lock, contextlib.suppress(BuildFailed):
            if self.exact:
                with self.preview.updating():
                    self.engine.refresh(self.project.stage_dir / "mkdocs.yml", self.preview.site_dir, self._cache)

    @property
    def _cache(self) -> Path:
        return self.project.root / jinja_cache.FOLDER

    def _build(self, checked: Checked, changed: tuple[str, ...]) -> None:
        config = self.project.stage_dir / "mkdocs.yml"
        cache = self._cache
        pages_only = all(path.startswith("docs/") and (self.project.stage_dir / path).is_file() for path in changed)
        try:
            with self.reporter.stage("refresh" if self.exact and pages_only else "build") as step:
                if self.exact and pages_only:
                    with self.preview.updating():
                        self.exact = False
                        pages = self.engine.refresh(config, self.preview.site_dir, cache)
                else:
                    scratch = publish.scratch_dir(self.preview.site_dir)
                    try:
                        pages = self.engine.build(config, scratch, cache)
                    except BaseException:
                        publish.discard(scratch)
                        raise
                    with self.preview.updating():
                        publish.swap_in(scratch, self.preview.site_dir)
                self.exact = True
                step.detail = f"{pages} HTML pages, {len(changed)} staged files changed"
        except BuildFailed as failure:
            name = getattr(self.engine, "name", engines.DEFAULT)
            raise ContentError(_engine_problems(name, failure.messages, page_sources(checked.playbook))) from None


def serve_preview(project: Project, reporter: Reporter, address: tuple[str, int], engine: Refresher) -> None:
    """Serve the live preview at ``address`` until interrupted (see :mod:`playbook.site.preview`)."""
    with tempfile.TemporaryDirectory(prefix="playbook-preview-") as folder:
        previewing = Previewing(project, reporter, engine, Path(folder) / "site")
        server = preview.start(previewing.preview, address)
        # Watching starts first, so an edit saved while the first build runs is not missed.
        observer = watch.watch_sources(project, previewing.update)
        try:
            previewing.update()
            previewing.warm_up()
            reporter.say(
                f"Serving the preview on {server.url} — save a file in content/ and the page reloads; Ctrl-C stops"
            )
            while observer.is_alive():
                observer.join(3600)
        finally:
            observer.stop()
            server.shutdown()
            server.server_close()
