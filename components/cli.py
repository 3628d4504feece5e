"""`python -m components check|schema|export|site|links`: validate data files in editors' and CI's line format,
print the JSON Schema, write the downloads of a file, build the static edition, check that every source still
answers."""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .data.field_docs import field_tables
from .data.loader import Loaded, SettingError, load_file
from .data.model import json_schema
from .data.paths import BUNDLED, FILE_VARIABLE, SCHEMA_FILE
from .data.problems import DataError, Problem
from .i18n import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from .view.shape.frames import Frames


def summary(loaded: Loaded) -> str:
    """The OK line: counts of everything and the as_of date."""
    data = loaded.data
    return (
        f"OK: {len(data.events)} events, {len(data.people)} people, {len(data.places)} places, "
        f"{len(data.sources)} sources, {len(data.prisoner_counts)} prisoner counts, as of {data.as_of}"
    )


def _emit(problem: Problem, style: str) -> None:
    if style == "github":
        # GitHub Actions turns these workflow commands into annotations on the file.
        level = "warning" if problem.severity == "warning" else "error"
        text = f"{problem.path}: {problem.message}" if problem.path else problem.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        print(f"::{level} file={problem.file},line={problem.line},col={problem.column}::{text}")
    else:
        print(problem)


def expand_names(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Names as given, wildcard patterns (which Windows shells pass on unexpanded) as the files they match;
    also the patterns that match nothing."""
    files: list[str] = []
    unmatched: list[str] = []
    for name in names:
        if any(character in name for character in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            files += matches
            if not matches:
                unmatched.append(name)
        else:
            files.append(name)
    return files, unmatched


def _report(file: str, error: DataError, style: str, command: str) -> None:
    for problem in error.problems:
        _emit(problem, style)
    errors = sum(p.severity == "error" for p in error.problems)
    print(f"{file}: {errors} problem{'s' * (errors != 1)}; fix them and run {command} again", file=sys.stderr)


def _unreadable(command: str, file: str, error: OSError | SettingError) -> None:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    print(f"{command}: cannot read {file}: {reason}", file=sys.stderr)


def check(files: Sequence[str], style: str, *, strict: bool = False) -> int:
    """Validate each file; 0 when all are valid, 1 when any has problems (or, with strict, warnings), 2 when one
    can't be read."""
    status = 0
    for file in files:
        try:
            loaded = load_file(file)
        except DataError as error:
            _report(file, error, style, "check")
            status = max(status, 1)
            continue
        except (OSError, SettingError) as error:
            _unreadable("check", file, error)
            status = 2
            continue
        for warning in loaded.warnings:
            _emit(warning, style)
        if strict and loaded.warnings:
            count = len(loaded.warnings)
            print(f"{file}: {count} warning{'s' * (count != 1)}, which --strict counts as problems", file=sys.stderr)
            status = max(status, 1)
            continue
        print(summary(loaded) + (f" ({file})" if len(files) > 1 else ""))
    return status


def _frames_of(command: str, data_file: str | None) -> tuple[Path, Frames] | int:
    """The frames of a valid data file, or the exit status after saying why not (1: problems, 2: unreadable)."""
    # Imported here: `timeline-check` (the pre-commit hook) installs without pandas, Plotly, Jinja2 and openpyxl.
    from .view.files.parse_cache import load_frames

    file = data_file or os.environ.get(FILE_VARIABLE) or str(BUNDLED)
    try:
        return Path(file), load_frames(Path(file), use_cache=False)
    except DataError as error:
        _report(file, error, "text", command)
        return 1
    except (OSError, SettingError) as error:
        _unreadable(command, file, error)
        return 2


def export(out_dir: str, data_file: str | None) -> int:
    """Write the data package (CSVs, datapackage.json) and the workbook of a valid file; nothing for a broken one."""
    from .view.files.export import write_export

    loaded = _frames_of("export", data_file)
    if isinstance(loaded, int):
        return loaded
    file, frames = loaded
    try:
        written = write_export(
            Path(out_dir), frames, frames.meta.repository_url or file.name, language=DEFAULT_LANGUAGE
        )
    except OSError as error:
        print(f"export: cannot write to {out_dir}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files to {out_dir}: " + ", ".join(str(p.relative_to(out_dir)) for p in written))
    return 0


def site(out_dir: str, data_file: str | None, languages: Sequence[str] | None = None, jobs: int | None = None) -> int:
    """Build the static edition of a valid file into out_dir, in English and `languages` (default: every language),
    on `jobs` processes (default: one per core); leave out_dir as it was for a broken one."""
    from .site.build import build_site

    loaded = _frames_of("site", data_file)
    if isinstance(loaded, int):
        return loaded
    file, frames = loaded
    try:
        count = build_site(Path(out_dir), frames, file, languages, jobs)
    except OSError as error:
        print(f"site: cannot write {out_dir}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"Wrote the static edition ({count:,} files) to {out_dir}; open {Path(out_dir) / 'index.html'}")
    return 0


def links(data_file: str | None, *, as_json: bool, strict: bool, allow_private: bool, timeout: float) -> int:
    """Request every source URL of a valid file and report what became of each; 1 under `strict` when any is gone."""
    from .data.links import STATUSES, Settings, run_link_check

    loaded = _frames_of("links", data_file)
    if isinstance(loaded, int):
        return loaded
    file, frames = loaded
    urls = {source_id: source.url for source_id, source in frames.meta.sources.items()}
    results = run_link_check(urls, Settings(allow_private=allow_private, timeout=timeout))
    tally = {status: sum(r.status == status for r in results) for status in STATUSES}
    if as_json:
        print(json.dumps({"file": str(file), "counts": tally, "links": [r.as_dict() for r in results]}, indent=2))
    else:
        for result in results:
            if result.status != "ok":
                where = f" -> {result.location}" if result.location else ""
                code = f" [{result.code}]" if result.code else ""
                detail = f" ({result.detail})" if result.detail else ""
                print(f"{result.status}: {result.source_id}: {result.url}{where}{code}{detail}")
        print(f"{len(results)} links: " + ", ".join(f"{n} {status}" for status, n in tally.items()))
    return 1 if strict and tally["gone"] else 0


def _seconds(text: str) -> float:
    """A number of seconds above 0 (not 0, negative, nan or inf), for argparse."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds above 0")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate data files (default: the bundled events.yaml)")
    check_parser.add_argument("files", nargs="*", metavar="FILE")
    check_parser.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: workflow annotations"
    )
    check_parser.add_argument(
        "--strict", action="store_true", help="warnings (consistency, sources) count as problems: exit 1"
    )
    schema_parser = commands.add_parser("schema", help="print the JSON Schema, or write it with --write")
    schema_output = schema_parser.add_mutually_exclusive_group()
    schema_output.add_argument("--write", action="store_true", help=f"write {SCHEMA_FILE.name}")
    schema_output.add_argument(
        "--fields", action="store_true", help="print the field tables of docs/data.md (Markdown) instead"
    )
    export_parser = commands.add_parser(
        "export", help="write the data package (CSV tables, datapackage.json) and an Excel workbook"
    )
    export_parser.add_argument("out_dir", metavar="OUT_DIR")
    export_parser.add_argument(
        "data_file", nargs="?", metavar="DATA_FILE", help=f"default: ${FILE_VARIABLE}, else the bundled events.yaml"
    )
    site_parser = commands.add_parser("site", help="build the static edition: HTML pages, data files, feeds")
    site_parser.add_argument("out_dir", metavar="OUT_DIR")
    site_parser.add_argument(
        "data_file", nargs="?", metavar="DATA_FILE", help=f"default: ${FILE_VARIABLE}, else the bundled events.yaml"
    )
    site_parser.add_argument(
        "--language", action="append", choices=LANGUAGES, dest="languages", metavar="CODE",
        help=f"build this language's edition (repeatable; one of {', '.join(LANGUAGES)}; default: all); "
        "English is always built, at the root",
    )  # fmt: skip
    site_parser.add_argument(
        "--jobs", type=int, metavar="N", help="processes to build with (default: one per core, at most 4; 1: no fork)"
    )
    links_parser = commands.add_parser("links", help="request every source URL and report ok, redirected, gone, ...")
    links_parser.add_argument(
        "data_file", nargs="?", metavar="DATA_FILE", help=f"default: ${FILE_VARIABLE}, else the bundled events.yaml"
    )
    links_parser.add_argument("--json", action="store_true", help="one JSON document, for machines")
    links_parser.add_argument("--strict", action="store_true", help="exit 1 when any link is gone (404 or 410)")
    links_parser.add_argument(
        "--timeout", type=_seconds, default=15.0, metavar="SECONDS", help="per request phase (default 15)"
    )
    links_parser.add_argument(
        "--allow-private", action="store_true",
        help="also request loopback and private addresses (for tests against a local server only)",
    )  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code not in (0, None) else 0
    if args.command == "schema" and args.fields:
        sys.stdout.write(field_tables())
        return 0
    if args.command == "schema":
        text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
        if args.write:
            SCHEMA_FILE.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "export":
        return export(args.out_dir, args.data_file)
    if args.command == "site":
        if args.jobs is not None and args.jobs < 1:
            print("site: --jobs must be 1 or more", file=sys.stderr)
            return 2
        return site(args.out_dir, args.data_file, args.languages, args.jobs)
    if args.command == "links":
        return links(
            args.data_file, as_json=args.json, strict=args.strict, allow_private=args.allow_private,
            timeout=args.timeout,
        )  # fmt: skip
    if not args.files:
        return check([str(BUNDLED)], args.format, strict=args.strict)
    files, unmatched = expand_names(args.files)
    for name in unmatched:
        print(f"check: no file matches '{name}'; check the name or the pattern", file=sys.stderr)
    if not files:
        return 2
    return max(check(files, args.format, strict=args.strict), 2 if unmatched else 0)


def check_entry() -> None:
    """`timeline-check FILE...`: the check command as its own program (pre-commit hook)."""
    run(["check", *sys.argv[1:]])


def run(argv: Sequence[str] | None = None) -> None:
    """Run main and exit; no traceback reaches the user whatever happens."""
    try:
        code = main(argv)
    except KeyboardInterrupt:
        code = 130
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        words = list(argv if argv is not None else sys.argv[1:])
        command = words[0] if words and words[0].isalpha() else "components"  # the subcommand comes first
        print(
            f"{command}: internal error ({type(error).__name__}: {error}); please report it with the file",
            file=sys.stderr,
        )
        code = 3
    sys.exit(code)
