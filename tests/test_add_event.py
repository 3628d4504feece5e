"""The add-event dialog in the real script (AppTest): checks as one types, preview, save, refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loader import load_file
from components.edit.attempts import FREE_FAILURES, PASSWORD_ATTEMPTS
from components.i18n import _, language

from .samples import ROOT, VALID, run_page

SCRIPT = str(ROOT / "dashboard.py")


def open_form(monkeypatch: pytest.MonkeyPatch, path: Path, *, allow: bool, **params: str) -> AppTest:
    app = run_page(monkeypatch, str(path), edits_allowed=allow, **params)
    with language(params.get("lang", "en")):
        label = _("Add an event")
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception
    return app


def fill_valid(app: AppTest) -> AppTest:
    app.text_input(key="draft_title").set_value("A new event").run()
    app.text_area(key="draft_summary").set_value("Something else happened.").run()
    app.selectbox(key="draft_category").set_value("war").run()
    app.multiselect(key="draft_sources").set_value(["s1"]).run()
    app.number_input(key="draft_year").set_value(2023).run()
    app.number_input(key="draft_month").set_value(5).run()
    app.number_input(key="draft_day").set_value(2).run()
    return app


def errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error]


def test_problems_show_beside_their_fields_as_one_types(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    app = open_form(monkeypatch, write_data(VALID), allow=True)
    assert errors(app) == []  # empty required fields are not flagged before a save attempt
    app.text_input(key="draft_end").set_value("2022-13").run()
    assert any("no month 13" in e for e in errors(app))
    app.text_input(key="draft_released").set_value("1,100").run()
    assert any("digits only" in e for e in errors(app))
    app.number_input(key="draft_day").set_value(31).run()
    app.number_input(key="draft_month").set_value(2).run()
    assert any("has 28 days" in e or "has 29 days" in e for e in errors(app))


def test_valid_draft_shows_a_preview_and_saves(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    path = write_data(VALID)
    app = fill_valid(open_form(monkeypatch, path, allow=True))
    assert errors(app) == []
    assert len(app.get("plotly_chart")) == 2  # the page's timeline and the preview
    before = path.read_text(encoding="utf-8")
    next(b for b in app.button if b.label == "Save").click().run()
    assert not app.exception
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.split("prisoner_counts:")[0])
    assert [e.id for e in load_file(path).data.events] == ["e1", "a-new-event-2023-05-02"]
    assert app.query_params["event"] == "a-new-event-2023-05-02"
    assert next(m.value for m in app.metric if m.label == "Events shown") == "2 of 2"


def test_save_attempt_with_empty_fields_flags_them_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, write_data
) -> None:
    path = write_data(VALID)
    app = open_form(monkeypatch, path, allow=True)
    next(b for b in app.button if b.label == "Save").click().run()
    assert errors(app).count("required") >= 3
    assert path.read_text(encoding="utf-8") == VALID


def test_without_permission_there_is_no_save_but_yaml_to_copy(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    path = write_data(VALID)
    app = fill_valid(open_form(monkeypatch, path, allow=False, ALLOW_EDITS="1", allow_edits="1"))
    app.session_state["allow_edits"] = True
    app.run()
    assert not [b for b in app.button if b.label == "Save"]
    yaml_text = app.code[-1].value
    assert 'title: "A new event"' in yaml_text and "date: 2023-05-02" in yaml_text
    assert {b.proto.label for b in app.get("download_button")} >= {"Download entry (YAML)"}
    assert path.read_text(encoding="utf-8") == VALID


def test_duplicate_as_new_starts_from_the_event(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    monkeypatch.setenv("EVENTS_FILE", str(write_data(VALID)))
    app = AppTest.from_file(SCRIPT, default_timeout=60)
    app.query_params["event"] = "e1"
    app.run()
    next(b for b in app.button if b.label == "Duplicate as new").click().run()
    assert app.text_input(key="draft_title").value == "An event (copy)"
    assert app.multiselect(key="draft_sources").value == ["s1"]
    assert app.number_input(key="draft_year").value == 2022


@pytest.fixture
def fake_clock():
    """The server's password limiter, emptied and on a clock the test moves."""
    now = [1000.0]
    PASSWORD_ATTEMPTS.reset()
    previous = PASSWORD_ATTEMPTS.clock
    PASSWORD_ATTEMPTS.clock = lambda: now[0]
    yield now
    PASSWORD_ATTEMPTS.clock = previous
    PASSWORD_ATTEMPTS.reset()


def password_form(monkeypatch: pytest.MonkeyPatch, path: Path) -> AppTest:
    for name in ("EVENTS_FILE", "ALLOW_EDITS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EVENTS_FILE", str(path))
    app = AppTest.from_file(SCRIPT, default_timeout=60)
    app.secrets["editor_password"] = "right horse battery staple"
    app.run()
    next(b for b in app.button if b.label == "Add an event").click().run()
    return fill_valid(app)


def guess(app: AppTest, password: str) -> str:
    app.text_input(key="draft_password").set_value(password).run()
    assert not app.exception, app.exception
    return next(c.value for c in app.caption if "password" in c.value or "attempts" in c.value)


def can_save(app: AppTest) -> bool:
    return any(b.label == "Save" for b in app.button)


@pytest.mark.slow
def test_wrong_passwords_earn_a_back_off_that_even_the_right_one_waits_out(
    monkeypatch: pytest.MonkeyPatch, write_data, fake_clock, caplog: pytest.LogCaptureFixture
) -> None:
    app = password_form(monkeypatch, write_data(VALID))
    for number in range(1, FREE_FAILURES + 1):
        assert guess(app, f"wrong guess {number}") == "Wrong editor password."
    assert guess(app, "wrong guess 4") == "Too many attempts; try again in 10 s."
    assert guess(app, "right horse battery staple") == "Too many attempts; try again in 10 s."
    assert not can_save(app)
    # Neither the session's state nor the link resets the count.
    app.session_state["draft_password"] = ""
    app.query_params["ALLOW_EDITS"] = "1"
    app.run()
    fake_clock[0] += 9
    assert guess(app, "right horse battery staple") == "Too many attempts; try again in 1 s."
    fake_clock[0] += 1
    assert guess(app, "right horse battery staple") == "Editor password accepted."
    assert can_save(app)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "wrong editor password (4 from session:" in logged
    assert "wrong guess" not in logged and "battery" not in logged


@pytest.mark.slow
def test_the_back_off_doubles_with_each_wrong_password(monkeypatch: pytest.MonkeyPatch, write_data, fake_clock) -> None:
    app = password_form(monkeypatch, write_data(VALID))
    for number in range(FREE_FAILURES + 1):
        guess(app, f"wrong {number}")
    fake_clock[0] += 10
    assert guess(app, "wrong again") == "Too many attempts; try again in 20 s."


def test_a_belarusian_reader_types_translations_into_the_form_and_they_are_saved(
    monkeypatch: pytest.MonkeyPatch, write_data
) -> None:
    path = write_data(VALID)
    # AppTest formats a widget's options on the test's own thread: in the page's language here too.
    with language("be"):
        app = fill_valid(open_form(monkeypatch, path, allow=True, lang="be"))
        app.text_input(key="draft_title_be").set_value("Новая падзея").run()
        app.text_area(key="draft_summary_ru").set_value("Произошло что-то ещё.").run()
        assert errors(app) == []
        next(b for b in app.button if b.label == _("Save")).click().run()
    assert not app.exception
    event = load_file(path).data.events[-1]
    assert event.title_i18n == {"be": "Новая падзея"} and event.summary_i18n == {"ru": "Произошло что-то ещё."}


def test_the_form_tells_the_truth_before_and_after_a_save(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    path = write_data(VALID)
    app = open_form(monkeypatch, path, allow=True)
    assert app.info[0].value.startswith("Saving is on: **Save** adds the entry to the data file")
    # Dated the data's as_of (19 March 2026), not today, which is past what the data covers.
    assert [app.number_input(key=f"draft_{part}").value for part in ("year", "month", "day")] == [2026, 3, 19]
    assert app.text_input(key="draft_title").label == "Title *"
    fill_valid(app)
    next(b for b in app.button if b.label == "Save").click().run()
    (saved,) = [s.value for s in app.success]
    assert saved.startswith(f"Saved “A new event” to {path}.") and "to undo, copy it back over" in saved
    backup = saved.split("is kept at ")[1].split(";")[0]
    assert Path(backup).read_text(encoding="utf-8") == VALID, "the backup is the file as it was"


def test_without_saving_an_unfinished_entry_is_not_offered_to_copy(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    app = open_form(monkeypatch, write_data(VALID), allow=False)
    assert app.info[0].value.startswith("This server does not save entries.")
    assert any(w.value.startswith("The entry is offered to copy once it passes") for w in app.warning)
    assert not [c for c in app.code if c.value.startswith("events:")], "no YAML that check would refuse"
    assert not any(b.proto.label == "Download entry (YAML)" for b in app.get("download_button"))


def test_a_likely_duplicate_is_named(monkeypatch: pytest.MonkeyPatch, write_data) -> None:
    app = fill_valid(open_form(monkeypatch, write_data(VALID), allow=True))
    app.number_input(key="draft_year").set_value(2022).run()
    app.number_input(key="draft_month").set_value(2).run()
    app.number_input(key="draft_day").set_value(28).run()
    assert any("Already in the data with this date and source: “An event”" in w.value for w in app.warning)
