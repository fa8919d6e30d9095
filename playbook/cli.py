"""The ``playbook`` command: check, build, pdf, serve, schema and the fork helpers.

The generator (pydantic, Jinja, the model) takes a fifth of a second to
import, so this module imports it inside each command: ``build`` first starts
MkDocs warming up in a second process, then imports the generator.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.content.situations import SITUATIONS
from playbook.engines import engine as engines
from playbook.problems import ContentError, MachineError, github_annotation
from playbook.project import Project
from playbook.report import Reporter

if TYPE_CHECKING:
    from playbook.pipeline import Checked

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.project).resolve()
    if not (root / "content").is_dir() or not (root / "mkdocs.yml").is_file():
        raise SystemExit(
            _usage(
                f"{root} is not a playbook project (it needs content/ and mkdocs.yml) — run from the project folder or pass --project"
            )
        )
    return Project(root)


def _usage(message: str) -> int:
    print(f"playbook: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_check(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook import pipeline

    try:
        checked = pipeline.check(_project(args), reporter, args.language)
    except ContentError as error:
        if args.format != "github":
            raise
        for problem in error.problems:
            print(github_annotation(problem))
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    reporter.say(f"ok: {checked.files} files, no problems")
    if args.language and args.language != "en":
        return _list_translations(checked, args.language, args.strict)
    return EXIT_CONTENT if args.strict and checked.warnings else EXIT_OK


def _list_translations(checked: Checked, language: str, strict: bool) -> int:
    """Print each file whose translation is missing, incomplete, stale or unreviewed; say how many are done."""
    waiting = [status for status in checked.translations if not status.done]
    for status in waiting:
        print(status.describe(language))
    done = len(checked.translations) - len(waiting)
    print(f"{language}: {done} of {len(checked.translations)} files translated and reviewed")
    return EXIT_CONTENT if strict and waiting else EXIT_OK


def cmd_translations(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook import pipeline
    from playbook.fork.drift import write_reviewed

    project = _project(args)
    checked = pipeline.check(project, reporter, args.language)
    if not args.mark_reviewed and not args.all:
        return _list_translations(checked, args.language, strict=False)
    known = {status.entry for status in checked.translations if status.translation}
    if args.mark_reviewed and args.mark_reviewed not in known:
        return _usage(
            f"no {args.language} translation of '{args.mark_reviewed}' to mark; "
            "`playbook translations --language " + args.language + "` lists them"
        )
    for status in checked.translations:
        if status.translation is None or (args.mark_reviewed and status.entry != args.mark_reviewed):
            continue
        if status.state == "reviewed":
            continue
        write_reviewed(project.root / status.translation, status.current, after="translation_of:")
        print(f"{status.translation}: marked reviewed ({status.current})")
    return EXIT_OK


def cmd_build(args: argparse.Namespace, reporter: Reporter) -> int:
    project = _project(args)
    from playbook import pipeline

    checked = pipeline.build_site(project, reporter, handouts=not args.no_pdf, engine=args.engine)
    reporter.say(f"built {project.site_dir}")
    if args.offline:
        engine = pipeline.engine_of(checked, args.engine)
        reporter.say(f"offline copy {pipeline.build_offline(project, reporter, engine)}")
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook import pipeline
    from playbook.handouts import pdf
    from playbook.site.stage import write_if_changed

    project = _project(args)
    checked = pipeline.check(project, reporter)
    handouts = pipeline.render_handouts(project, checked, reporter)
    pdf.remember(project.root, handouts)
    rendered = pipeline.render_workshop_documents(project, checked, reporter)
    for handout, path in zip(handouts, pdf.write_handouts(project.site_dir / pdf.FOLDER, handouts), strict=True):
        reporter.say(f"wrote {path} ({handout.pages} pages, {pdf.size_text(len(handout.data))})")
    folder = project.site_dir / pdf.FOLDER
    for item in rendered.files:
        (folder / item.file).parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(folder / item.file, item.data)
    if rendered.files:
        size = pdf.size_text(sum(len(item.data) for item in rendered.files))
        reporter.say(f"wrote {len(rendered.files)} workshop documents into {folder} ({size})")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook.content.schemas import schemas
    from playbook.site.stage import sync_tree

    project = _project(args)
    target = Path(args.out) if args.out else project.root / "schemas"
    result = sync_tree(target, schemas())
    reporter.say(f"schemas in {target}: {result.written} written, {result.unchanged} unchanged")
    return EXIT_OK


def cmd_lint_message(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook import pipeline
    from playbook.checker import lint_message
    from playbook.checker.rules import check_message, draft_languages, has_errors, rules_in

    project = _project(args)
    name = lint_message.display_name(args.file)
    try:
        body = lint_message.decode_draft(lint_message.read_bytes(args.file, sys.stdin.buffer), name)
    except lint_message.InputError as error:
        print(error.format(), file=sys.stderr)
        return EXIT_CONTENT
    # The findings speak the draft's language where the playbook is translated into it.
    playbook = pipeline.check(project, Reporter(quiet=True), args.language).playbook
    language = args.language or playbook.site.language
    known = draft_languages(playbook.of_kind("rule"))
    if language not in known:
        given = "--language" if args.language else f"the site's language ({playbook.site.language})"
        print(
            f"{given}: the checker has no rules that read '{language}' — pass --language with one of: {', '.join(known)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    rules = rules_in(playbook.of_kind("rule"), language)
    situation = lint_message.situation_for(playbook, body, args.subject, args.situation, language)
    findings = check_message(rules, body, situation.situation, args.subject, language, situation.sure)
    if args.json:
        print(lint_message.format_json(findings, name, situation, args.subject))
    else:
        reporter.say(lint_message.situation_line(situation, name))
        for line in lint_message.format_text(findings, name):
            print(line)
        reporter.say(lint_message.summary(findings, name, situation.situation))
    return EXIT_CONTENT if has_errors(findings) else EXIT_OK


def cmd_drift(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook.fork.drift import changes, described, drift, mark_reviewed

    project = _project(args)
    items = drift(project.content_dir)
    if not items:
        print("no overrides in content/local/overrides/")
        return EXIT_OK
    if args.mark_reviewed:
        _refuse_broken_overrides(project, [item.override for item in items if item.changed])
    for item in items:
        shown = item.override.relative_to(project.root).as_posix()
        if item.upstream is None:
            print(f"{shown}: the upstream entry no longer exists — remove the override or fix its id")
        elif item.changed and args.mark_reviewed:
            mark_reviewed(item)
            print(f"{shown}: marked reviewed ({item.current})")
        elif item.changed:
            upstream = item.upstream.relative_to(project.root).as_posix()
            fields = changes(item)
            if item.reviewed is None:
                print(
                    f"{shown}: {upstream} was never reviewed — read it beside your override, then run "
                    "`playbook drift --mark-reviewed`; from then on drift shows what changed, field by field"
                )
            elif fields is None:
                print(
                    f"{shown}: {upstream} changed since you reviewed it, and no copy of it as you reviewed it is "
                    "kept — read it beside your override, then run `playbook drift --mark-reviewed`"
                )
            else:
                print(f"{shown}: {upstream} changed since you reviewed it, in {len(fields)} field(s):")
                for change in fields:
                    print(f"  {described(change)}")
                print("  when your override fits again, run `playbook drift --mark-reviewed`")
        else:
            print(f"{shown}: up to date")
    return EXIT_OK


def _refuse_broken_overrides(project: Project, overrides: list[Path]) -> None:
    """Raise the content's problems located in ``overrides`` before any of them is marked reviewed.

    Marking rewrites the file's ``reviewed:`` line; a file with errors would be
    rewritten around them and recorded as reviewed while it cannot build.
    """
    from playbook import pipeline

    shown = {path.relative_to(project.root).as_posix() for path in overrides}
    try:
        pipeline.check(project, Reporter(quiet=True))
    except ContentError as error:
        broken = [problem for problem in error.problems if problem.path in shown]
        if broken:
            raise ContentError(broken) from None


def cmd_init_local(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook.fork.scaffold import scaffold

    project = _project(args)
    written = scaffold(project.content_dir)
    for path in written:
        print(f"created {path.relative_to(project.root).as_posix()}")
    if not written:
        print("content/local/ already has its starting files; nothing was changed")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, reporter: Reporter) -> int:
    from playbook import pipeline
    from playbook.site.preview import parse_address

    project = _project(args)
    try:
        address = parse_address(args.dev_addr)
    except ValueError as error:
        return _usage(f"--dev-addr: {error}")
    # The engine is chosen once, by --engine or by the content as first read (the default if it cannot be read:
    # the preview then shows the content error until it is fixed).
    name = args.engine
    if name is None:
        try:
            name = pipeline.engine_of(pipeline.check(project, Reporter(quiet=True)))
        except ContentError:
            name = engines.DEFAULT
    try:
        pipeline.serve_preview(project, reporter, address, engines.InProcess(name))
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        return _usage(
            f"cannot listen on {args.dev_addr} ({error.strerror}) — is another preview running? "
            "Stop it, or pass another address with --dev-addr, for example 127.0.0.1:8001"
        )
    return EXIT_OK


def _engine_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--engine",
        choices=engines.NAMES,
        default=None,
        help="what builds the site: mkdocs (Material 9.8) or zensical (default: engine: in content/site.yml, else mkdocs)",
    )


def _format_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="how problems are printed: text (path:line:col: …), or github: one ::error workflow command each, "
        "which GitHub Actions shows on the file and line",
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="playbook", description="Build the networking playbook from its YAML content.")
    main.add_argument("--project", default=".", help="project folder (default: the current folder)")
    main.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the content only")
    check.add_argument(
        "--language", help="check the playbook in this language and list what is untranslated or stale (es)"
    )
    check.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings, and on any translation not done and reviewed"
    )
    _format_option(check)
    check.set_defaults(run=cmd_check)
    build = commands.add_parser("build", help="check, generate and build the site and handouts into site/")
    build.add_argument(
        "--offline", action="store_true", help="also write dist/site-offline.zip, a copy that works opened from disk"
    )
    build.add_argument("--no-pdf", action="store_true", help="skip the PDF handouts (a faster build of the site alone)")
    # The handouts' layout problems (a name too long for its room) only a build finds: the workflow builds with it.
    _format_option(build)
    _engine_option(build)
    build.set_defaults(run=cmd_build)
    commands.add_parser(
        "pdf", help="render the PDF handouts and workshop documents alone into site/handouts/"
    ).set_defaults(run=cmd_pdf)
    serve = commands.add_parser("serve", help="live preview; edits to content or templates reload the page")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    _engine_option(serve)
    serve.set_defaults(run=cmd_serve)
    drift = commands.add_parser("drift", help="list upstream entries that changed since your overrides were reviewed")
    drift.add_argument("--mark-reviewed", action="store_true", help="record that you reviewed every changed entry")
    drift.set_defaults(run=cmd_drift)
    translations = commands.add_parser(
        "translations", help="list the translations that are missing or out of date; record a review"
    )
    translations.add_argument("--language", required=True, help="the language of the translations, for example es")
    marks = translations.add_mutually_exclusive_group()
    marks.add_argument(
        "--mark-reviewed", metavar="ID", help="record that you reviewed this entry's translation against its English"
    )
    marks.add_argument("--all", action="store_true", help="record that you reviewed every translation not yet marked")
    translations.set_defaults(run=cmd_translations)
    commands.add_parser(
        "init-local", help="create content/local/ for your career center's brand and entries"
    ).set_defaults(run=cmd_init_local)
    lint = commands.add_parser(
        "lint-message", help="check a draft message against the checker rules; exit 1 when an error is found"
    )
    lint.add_argument("file", metavar="FILE", help="the draft, as UTF-8 text; - reads standard input")
    lint.add_argument(
        "--situation",
        choices=SITUATIONS,
        default=None,
        help="what the message is, which decides the rules that apply (default: guessed from the text)",
    )
    lint.add_argument("--subject", help="the e-mail's subject line; leave it out for messages without one")
    lint.add_argument(
        "--language",
        metavar="CODE",
        help="the language the draft is written in, such as en or es (default: the site's language)",
    )
    lint.add_argument("--json", action="store_true", help="print the findings as JSON")
    lint.set_defaults(run=cmd_lint_message)
    schema = commands.add_parser("schema", help="write the JSON Schemas for editors")
    schema.add_argument("--out", help="folder to write to (default: schemas/)")
    schema.set_defaults(run=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    reporter = Reporter(quiet=args.quiet)
    try:
        return int(args.run(args, reporter))
    except ContentError as error:
        if getattr(args, "format", "text") == "github":
            for problem in error.problems:
                print(github_annotation(problem))
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except MachineError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except OSError as error:
        # The disk, not the content: a full disk, a read-only folder, a file that went away.
        where = f"{error.filename or getattr(args, 'project', None) or '.'}: "
        print(
            f"playbook: {where}{error.strerror or error} — check the folder and free space, then try again",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
