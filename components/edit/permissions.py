"""Who may save: off unless the server says so (ALLOW_EDITS=1, an editors list, or an editor password)."""

from __future__ import annotations

import hmac
from collections.abc import Collection
from dataclasses import dataclass

from ..i18n import _


@dataclass(frozen=True)
class Permission:
    """Whether saving is allowed, how it was allowed, and what the reader could do to be allowed."""

    allowed: bool
    reason: str
    can_log_in: bool = False
    can_enter_password: bool = False


def decide_permission(
    *,
    allow_edits: str | None,
    editors: Collection[str] = (),
    user_email: str | None = None,
    editor_password: str | None = None,
    password_given: str | None = None,
) -> Permission:
    """Only server-side settings count; nothing from the link or the session can turn saving on."""
    if allow_edits == "1":
        return Permission(True, _("Editing is enabled on this server (ALLOW_EDITS=1)."))
    allowed_emails = {e.strip().lower() for e in editors if e.strip()}
    if allowed_emails and user_email and user_email.strip().lower() in allowed_emails:
        return Permission(True, _("Signed in as {email}, an editor.").format(email=user_email))
    if editor_password and password_given is not None:
        if hmac.compare_digest(password_given.encode("utf-8"), editor_password.encode("utf-8")):
            return Permission(True, _("Editor password accepted."))
        return Permission(False, _("Wrong editor password."), bool(allowed_emails), True)
    if allowed_emails and user_email:
        return Permission(
            False, _("{email} is not on the editors list.").format(email=user_email), True, bool(editor_password)
        )
    if allowed_emails or editor_password:
        return Permission(False, _("Sign in as an editor to save."), bool(allowed_emails), bool(editor_password))
    return Permission(False, _("Saving is off on this server (a public copy, or ALLOW_EDITS is not set)."))
