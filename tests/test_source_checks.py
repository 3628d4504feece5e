"""Sources that would not land a reader on the real publication are named, with their id and line."""

from __future__ import annotations

import pytest

from components.cli import main
from components.data.loader import load_text
from components.data.model import Source
from components.data.source_checks import publisher_hosts, source_findings

from .samples import VALID


def findings(publisher: str, url: str, via: str | None = None) -> list[str]:
    source = Source.model_validate(
        {"title": "T", "publisher": publisher, "url": url, "published": "2025", **({"via": via} if via else {})}
    )
    return [f.message.split(": ", 1)[1] for f in source_findings({"s": source})]


def test_a_source_on_its_publishers_own_site_passes() -> None:
    assert findings("Reuters", "https://www.reuters.com/world/europe/belarus-frees-52-2025-09-11/") == []
    assert findings("Human Rights Center Viasna", "https://spring96.org/en/news/115390") == []
    assert findings("RFE/RL", "https://www.svaboda.org/a/33527402.html") == []


def test_a_syndicated_copy_names_the_site_as_publisher_and_the_original_in_via() -> None:
    copy = "https://dunyanews.tv/en/World/890559-belarus-opposition"
    assert findings("Dunya News", copy, via="Reuters") == []
    assert findings("Reuters", copy) == [
        "the URL is on 'dunyanews.tv', not Reuters's (reuters.com); for a copy, name the site as publisher and the "
        "original outlet in `via`"
    ]
    assert findings("Dunya News (Reuters)", copy) == [
        "a copy of another outlet's story says so in `via`, not only in the publisher's name"
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://zerkalo-br0wse.xyz/news/politics/12345.html", "looks like an imitation of Zerkalo"),
        ("https://reuter5.com/world/europe/x-2025/", "looks like an imitation of Reuters"),
        ("https://staging.bearr.org/regional-news/a-story/", "is a staging, CMS or asset host"),
        ("https://redakcja.belsat.cloud/en/news/14-12-2021/", "is a staging, CMS or asset host"),
        ("https://d1x2y3.cloudfront.net/news/123", "is a staging, CMS or asset host"),
        ("https://t.co/AbCdEf", "is a redirector"),
        ("https://naslovi.net/rd/41508716", "the link redirects to another address"),
        ("https://www.example-news.org/", "is a home or section page"),
        ("https://www.example-news.org/world/europe/", "is a home or section page"),
    ],
)
def test_lookalike_staging_redirector_and_section_links_are_named(url: str, expected: str) -> None:
    assert any(expected in message for message in findings("Some Outlet", url))


def test_an_article_by_number_is_not_a_section_page() -> None:
    messages = findings("SIR", "https://agensir.it/?p=1353806")
    assert not any("section page" in m for m in messages)


def test_a_publisher_missing_from_the_table_is_named_with_what_to_do() -> None:
    assert findings("Unheard Of Gazette", "https://unheardof.example/news/2025/story") == [
        "publisher 'Unheard Of Gazette' is not in the publisher table (publishers.yaml); add its domains"
    ]


def test_the_table_lists_only_plain_outlet_names_and_hosts() -> None:
    table = publisher_hosts()
    assert len(table) > 100 and all("(" not in name for name in table)
    assert all(host == host.lower() and "." in host and "/" not in host for hosts in table.values() for host in hosts)


def test_warnings_name_the_source_and_its_line_and_strict_turns_them_into_exit_1(write_data, capsys) -> None:
    text = VALID.replace("url: https://example.org/a", "url: https://staging.example.org/a")
    path = write_data(text)
    (staging,) = [w for w in load_text(text, str(path)).warnings if "staging" in w.message]
    assert (staging.line, staging.column, staging.path) == (13, 3, "sources.s1")
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    assert "which --strict counts as problems" in capsys.readouterr().err
