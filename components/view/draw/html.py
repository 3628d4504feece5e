"""HTML from templates: one Jinja2 environment with autoescaping for everything the page and the static edition
write as HTML. Data text is escaped by the templates; the page's translated words are passed in already translated
and filled with `fill`, which escapes the words and the values alike (a value that is already HTML, a link, is
passed as Markup)."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, Template
from markupsafe import Markup

from ...i18n import _
from ..words.text import safe_url


def fill(words: str, **values: Any) -> Markup:
    """Translated words with `{name}` placeholders, escaped, with the values escaped unless they are Markup."""
    return Markup.escape(words).format(**values)


@cache
def environment() -> Environment:
    """The templates under components/view/draw/templates, autoescaped; the static edition loads them too."""
    env = Environment(
        loader=PackageLoader("components.view.draw", "templates"),
        autoescape=True,
        auto_reload=False,  # the templates do not change while the app runs; checking costs a stat per render
        trim_blocks=True,
        lstrip_blocks=True,
    )
    add_helpers(env)
    return env


def add_helpers(env: Environment) -> None:
    """The filters every template may use: `fill` and `safe_url` (None for a link that is not http(s))."""
    env.filters["fill"] = fill
    env.filters["safe_url"] = safe_url


@cache
def template(name: str) -> Template:
    return environment().get_template(name)


def macro(name: str, macro_name: str) -> Any:
    """A macro of a template, to call from Python: macro('html.html', 'link')(label, url). It returns Markup: add
    plain HTML text to it only after `str()`, as Markup + str escapes the str."""
    return getattr(template(name).module, macro_name)


def copy_button(target: str) -> str:
    """A "Copy link" button for `target` (a link relative to the page, from view_link, or a whole address), in the
    language of the run or builder that calls it."""
    return str(macro("html.html", "copy_button")(target, {"copy": _("Copy link"), "copied": _("Copied")}))


class Html(str):
    """HTML for st.html as it is: Streamlit takes an object's `_repr_html_` without dedenting and stripping it,
    which for a plain string scans every line (a tenth of a rerun with a page of the story)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)
