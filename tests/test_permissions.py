"""Saving is off unless the server enables it; a link or session state cannot turn it on."""

from __future__ import annotations

from components.edit.permissions import decide_permission


def test_saving_is_off_by_default() -> None:
    assert not decide_permission(allow_edits=None).allowed
    assert not decide_permission(allow_edits="true").allowed  # only the documented value


def test_allow_edits_turns_it_on() -> None:
    assert decide_permission(allow_edits="1").allowed


def test_editor_email_is_allowed_case_insensitively_and_others_not() -> None:
    assert decide_permission(allow_edits=None, editors=["Ed@Example.org"], user_email="ed@example.org").allowed
    other = decide_permission(allow_edits=None, editors=["ed@example.org"], user_email="eve@example.org")
    assert not other.allowed and other.can_log_in


def test_password_compared_exactly() -> None:
    assert decide_permission(allow_edits=None, editor_password="s3cret", password_given="s3cret").allowed
    wrong = decide_permission(allow_edits=None, editor_password="s3cret", password_given="s3cret ")
    assert not wrong.allowed and wrong.can_enter_password
    assert not decide_permission(allow_edits=None, editor_password="", password_given="").allowed
