"""Without Chromium the browser tests skip with instructions locally, and fail under CI."""

from __future__ import annotations

import pytest

from .conftest import decide_browser


def test_missing_browser_skips_with_install_instructions_outside_ci() -> None:
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        decide_browser(None, ci=False)


def test_missing_browser_fails_under_ci() -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set, so this is a failure"):
        decide_browser(None, ci=True)


def test_found_browser_is_used() -> None:
    assert decide_browser("/usr/bin/chromium", ci=True) == "/usr/bin/chromium"
