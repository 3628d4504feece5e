"""How the page is served: the forced collection off wherever it runs, and the file poll only where it matters."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from components.data.loader import SettingError
from components.ui.watch import DEFAULT_POLL_SECONDS, poll_seconds

from .samples import ROOT, needed_nginx


def effective_option(name: str, cwd: Path) -> str:
    """The option's value as `streamlit run` started in `cwd` sees it (its config files, its environment)."""
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        f"print(config.get_option({name!r}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_the_served_config_turns_off_the_forced_collection_after_each_run(tmp_path: Path) -> None:
    assert effective_option("runner.postScriptGC", ROOT) == "False"
    assert effective_option("runner.postScriptGC", tmp_path) == "True"  # Streamlit's default: the config matters


def test_every_way_of_serving_starts_from_the_repository_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/streamlit run dashboard.py" in readme  # run from the clone's folder
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    workdir = re.search(r"^WORKDIR (\S+)", dockerfile, re.MULTILINE)
    assert workdir and re.search(r"^COPY .*\s\.\s*$", dockerfile, re.MULTILINE)  # the whole repository, .streamlit too
    assert ".streamlit" not in (ROOT / ".dockerignore").read_text(encoding="utf-8")
    assert '"deploy/serve.py"' in dockerfile  # which starts `streamlit run dashboard.py` in the repository folder
    serve = (ROOT / "deploy" / "serve.py").read_text(encoding="utf-8")
    assert '"streamlit", "run", "dashboard.py"' in serve and "cwd=ROOT" in serve
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "WorkingDirectory=" in nginx  # the systemd units start streamlit in the repository folder


@pytest.mark.parametrize(
    ("setting", "writable", "seconds"),
    [
        (None, True, DEFAULT_POLL_SECONDS),
        (None, False, 0.0),  # read-only deployment: a new version comes with a restart
        ("", True, DEFAULT_POLL_SECONDS),
        ("0", True, 0.0),
        ("10", False, 10.0),  # an explicit setting wins
        ("0.5", True, 0.5),
    ],
)
def test_poll_interval_follows_the_setting_or_whether_the_file_can_change(
    setting: str | None, writable: bool, seconds: float
) -> None:
    assert poll_seconds(setting, writable=writable) == seconds


@pytest.mark.parametrize("setting", ["often", "-1", "nan", "1e9"])
def test_a_bad_poll_setting_is_named_with_what_to_write(setting: str) -> None:
    with pytest.raises(SettingError, match=r"EVENTS_POLL_SECONDS='.*' is not a number of seconds from 0 \(off\)"):
        poll_seconds(setting, writable=True)


@pytest.mark.slow
def test_the_images_entry_point_stops_everything_when_nginx_cannot_start(tmp_path: Path) -> None:
    import socket

    needed_nginx()
    with socket.socket() as taken:  # the port is someone else's: nginx cannot listen on it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "deploy/serve.py", "--port", str(port), "--address", "127.0.0.1"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "serve.py: nginx stopped, so everything was stopped" in result.stderr
    assert "Address already in use" in result.stderr
