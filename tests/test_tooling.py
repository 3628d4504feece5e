"""Every configuration file the repository ships is accepted by the real tool that reads it."""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from components.cli import _parser
from components.i18n import TRANSLATED_LANGUAGES
from deploy.serve import render_nginx_conf

from .samples import ROOT, TIMELINE, VALID, needed_nginx

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False, env={**os.environ, **env}
    )


@pytest.mark.slow
def test_hooks_manifest_is_valid_for_pre_commit() -> None:
    result = run([str(BIN / "pre-commit"), "validate-manifest", ".pre-commit-hooks.yaml"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_pre_commit_config_is_valid_for_pre_commit() -> None:
    result = run([str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_runs_the_same_checks_as_ci() -> None:
    hooks = {hook["id"] for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
             for hook in repo["hooks"]}  # fmt: skip
    assert {"check-events", "mypy", "lint-imports", "ruff", "ruff-format"} <= hooks


@pytest.fixture(scope="module")
def other_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another timeline's repository: a good events file and a broken one, committed."""
    where = tmp_path_factory.mktemp("other-timeline")
    (where / "events.yaml").write_text(VALID, encoding="utf-8")
    (where / "events-broken.yaml").write_text(
        VALID.replace("date: 2022-02-28\n    title", "date: 2022-13-28\n    title")
    )
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                                                   "-qm", "data"]):  # fmt: skip
        subprocess.run(["git", *command], cwd=where, check=True, capture_output=True)
    return where


def try_repo(where: Path, file: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), "check-timeline", "--files", file],
        cwd=where,
        PRE_COMMIT_HOME=str(home),
    )


@pytest.mark.slow
def test_reusable_hook_passes_a_good_file_and_locates_a_bad_one(other_repository: Path, tmp_path: Path) -> None:
    good = try_repo(other_repository, "events.yaml", tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Check timeline data files" in good.stdout and "Passed" in good.stdout
    bad = try_repo(other_repository, "events-broken.yaml", tmp_path)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "events-broken.yaml:20:11: events[0].date: '2022-13-28' is not a date" in bad.stdout


def workflow_commands() -> list[str]:
    commands = []
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert {"name", "jobs"} <= set(document) and (
            True in document or "on" in document
        )  # YAML 1.1 reads on: as True
        for job in document["jobs"].values():
            for step in job["steps"]:
                assert "uses" in step or "run" in step, step
                for line in step.get("run", "").splitlines():
                    commands += [part.strip() for part in line.split("&&") if part.strip()]
    return commands


@pytest.mark.slow
def test_workflow_commands_exist_and_the_projects_own_succeed(tmp_path: Path) -> None:
    out = tmp_path
    # The workflows name events.yaml; a valid file stands in for the project's own (tests/test_data.py checks that).
    (out / "events.yaml").write_bytes(TIMELINE.read_bytes())
    commands = workflow_commands()
    assert any("components check" in command for command in commands)
    for command in commands:
        words = shlex.split(command)
        if words[0] != "python":
            assert (BIN / words[0]).exists() or shutil.which(words[0]), command
            continue
        assert words[1] == "-m" and importlib.util.find_spec(words[2]) is not None, command
        if words[2] == "components" and words[3] == "links":
            # Its arguments parse; it is never run here: it requests public pages (the scheduled workflow's job).
            arguments = words[3 : words.index(">")] if ">" in words else words[3:]
            assert _parser().parse_args(arguments).command == "links", command
        elif words[2] == "components":
            # Commands that write (site, export) write into a temporary folder, not the checkout.
            result = run([sys.executable, *words[1:]], cwd=out, PYTHONPATH=str(ROOT))
            assert result.returncode == 0, command + "\n" + result.stdout + result.stderr
        if words[2] == "pip":
            assert all((ROOT / words[i + 1]).exists() for i, w in enumerate(words) if w == "-r"), command
    assert any("components site" in command for command in commands)


def test_streamlit_config_names_only_options_streamlit_knows() -> None:
    from streamlit import config

    def options(table: dict[str, object], prefix: str = "") -> list[str]:
        names = []
        for key, value in table.items():
            if isinstance(value, dict) and f"{prefix}{key}" not in known:
                names += options(value, f"{prefix}{key}.")
            else:
                names.append(f"{prefix}{key}")
        return names

    known = config.get_config_options()
    names = options(tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")))
    assert names and [name for name in names if name not in known] == []


@pytest.mark.slow
def test_pyproject_is_valid_for_packaging_tools() -> None:
    result = run([str(BIN / "validate-pyproject"), "pyproject.toml"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_installed_package_carries_its_data_files(tmp_path: Path) -> None:
    # What pre-commit and `pip install .` get: a wheel without the templates, font or catalogs would fail at run time.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "components", source / "components", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", source / "pyproject.toml")
    result = run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"), str(source)])
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"components/data/publishers.yaml", "components/site/site.css", "components/site/templates/base.html",
              "components/site/templates/_footer.html", "components/site/fonts/SourceSans3VF-Upright.woff2",
              "components/site/fonts/OFL.txt", "components/i18n/babel.cfg", "components/view/draw/templates/story.html",
              "components/view/draw/templates/html.html"}  # fmt: skip
    wanted |= {f"components/i18n/locales/{code}/LC_MESSAGES/messages.po" for code in TRANSLATED_LANGUAGES}
    assert wanted - names == set()


@pytest.mark.slow
def test_nginx_accepts_the_deployment_config(tmp_path: Path) -> None:
    binary = needed_nginx()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        render_nginx_conf(
            (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"),
            listen="127.0.0.1:18080",
            upstreams=["127.0.0.1:18501", "127.0.0.1:18502"],
            state_dir=tmp_path,
        ),
        encoding="utf-8",
    )
    result = run([binary, "-t", "-c", str(conf), "-p", str(tmp_path), "-g", f"pid {tmp_path / 'nginx.pid'};"])
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


@pytest.mark.slow
def test_the_deployment_config_compresses_scripts_but_not_the_websocket_upgrade(tmp_path: Path) -> None:
    """nginx with the project's config in front of a real local upstream: the page's JavaScript arrives gzipped."""
    import http.server
    import socket
    import threading
    import time

    import httpx

    binary = needed_nginx()
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.js").write_text("var x = 1;\n" * 5000, encoding="utf-8")  # like Streamlit's bundle: repetitive

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(static), **kwargs)

        def log_message(self, *args) -> None:
            pass

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_nginx_conf((ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"),
                                      listen=f"127.0.0.1:{port}", upstreams=[f"127.0.0.1:{upstream.server_port}"],
                                      state_dir=tmp_path), encoding="utf-8")  # fmt: skip
    pid = tmp_path / "nginx.pid"
    started = run([binary, "-c", str(conf), "-p", str(tmp_path), "-g", f"pid {pid};"])
    assert started.returncode == 0, started.stderr
    try:
        for _ in range(50):
            try:
                zipped = httpx.get(f"http://127.0.0.1:{port}/index.js", headers={"Accept-Encoding": "gzip"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        plain = httpx.get(f"http://127.0.0.1:{port}/index.js", headers={"Accept-Encoding": "identity"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.text == plain.text
        assert zipped.num_bytes_downloaded < len(plain.content) / 10  # on the wire, before httpx decodes it
        assert "content-encoding" not in plain.headers and "Accept-Encoding" in zipped.headers["vary"]
    finally:
        run([binary, "-c", str(conf), "-p", str(tmp_path), "-g", f"pid {pid};", "-s", "stop"])
        upstream.shutdown()


def test_the_slow_link_benchmark_judges_the_issues_targets() -> None:
    from benchmarks.slow_link import Seen, table, verdicts

    seen = [
        Seen("static, compressed", "1.6 Mbit/s, 150 ms", 0.5, 0.6, 4.7, 557),
        Seen("static, compressed", "400 kbit/s, 400 ms", 0.9, 3.4, 13.3, 557),
        Seen("app, behind nginx", "1.6 Mbit/s, 150 ms", 6.0, None, 9.0, 900),
    ]
    assert verdicts(seen) == [
        "static, compressed, 1.6 Mbit/s, 150 ms: story ≤ 1.5 s, chart ≤ 5.0 s, ≤ 600 KB: met",
        "static, compressed, 400 kbit/s, 400 ms: story ≤ 3.0 s: MISSED",
        "app behind nginx, 1.6 Mbit/s, 150 ms: first text ≤ 8 s: met",
    ]
    assert "| app, behind nginx | 1.6 Mbit/s, 150 ms | 6.0 s | — | 9.0 s | 900 KB |" in table(seen)
