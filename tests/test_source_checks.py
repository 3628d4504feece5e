"""Sources that would not land a reader on the real publication are named, with their id and line."""

from __future__ import annotations

import pytest

from components.cli import main
from components.data.loader import load_text
from components.data.model import Source
from components.data.source_checks import PUBLISHER_KINDS, citation_findings, publishers, source_findings

from .samples import VALID


def source(publisher: str, url: str, via: str | None = None, **fields: str) -> Source:
    extra = {"via": via} if via else {}
    return Source.model_validate(
        {"title": "T", "publisher": publisher, "url": url, "published": "2025", **extra, **fields}
    )


def findings(publisher: str, url: str, via: str | None = None, source_id: str = "s", **fields: str) -> list[str]:
    found = source_findings({source_id: source(publisher, url, via, **fields)})
    return [f.message.split(": ", 1)[1] for f in found]


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
        "'unheardof.example' is not in the publisher table (publishers.yaml); add its outlet with its kind and domains",
        "publisher 'Unheard Of Gazette' is not in the publisher table (publishers.yaml); add its kind and domains",
    ]


def test_the_table_lists_only_plain_outlet_names_hosts_and_known_kinds() -> None:
    table = publishers()
    assert len(table) > 100 and all("(" not in name for name in table)
    assert all(h == h.lower() and "." in h and "/" not in h for p in table.values() for h in p.domains)
    assert {p.kind for p in table.values()} == set(PUBLISHER_KINDS)
    assert (table["Human Rights Center Viasna"].kind, table["BelTA"].kind) == ("rights-group", "state-media")
    assert (table["Associated Press"].kind, table["Devdiscourse"].kind) == ("wire", "aggregator")


def test_an_aggregator_is_named_with_what_to_cite_instead() -> None:
    (message,) = findings("Devdiscourse", "https://www.devdiscourse.com/article/politics/3612345-belarus-frees")
    assert message.startswith("'www.devdiscourse.com' is Devdiscourse, an aggregator or mirror; cite the original")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://spring96.org./en/news/1", "the host 'spring96.org.' ends with a dot; remove it"),
        ("http://10.0.0.7/news/1", "'10.0.0.7' is an IP address"),
        ("https://spring_96.org/en/news/1", "'spring_96.org' is not a valid host name"),
    ],
)
def test_a_malformed_host_is_named(url: str, expected: str) -> None:
    assert any(m.startswith(expected) for m in findings("Human Rights Center Viasna", url))


def test_an_id_that_names_another_outlet_than_its_url_is_named() -> None:
    url = "https://www.hindustantimes.com/world-news/lukashenko-sworn-in-101600848000000.html"
    assert findings("Hindustan Times", url, source_id="hindustantimes-2020-09-23-sworn-in") == []
    assert findings("Hindustan Times", url, source_id="urdupoint-2020-09-23-sworn-in") == [
        "the id names 'urdupoint', but the URL is on 'www.hindustantimes.com' (Hindustan Times); rename the id after "
        "its outlet"
    ]
    # A licensed copy may be named after the wire story it carries.
    copy = "https://keyt.com/news/2024/09/04/belarus-pardons-30/"
    assert findings("KEYT", copy, via="Associated Press", source_id="ap-2024-09-04-pardons-30") == []


def test_the_same_page_under_two_ids_is_named() -> None:
    first = source("Belsat", "https://belsat.eu/en/news/12-05-2024-a-story/")
    again = source("Belsat", "http://www.belsat.eu/en/news/12-05-2024-a-story#top")
    messages = [f.message for f in source_findings({"belsat-a": first, "belsat-b": again})]
    assert messages == ["source 'belsat-b': the same page as source 'belsat-a'; cite one id and remove the other"]


def test_an_archived_copy_must_be_on_an_archive() -> None:
    url = "https://belsat.eu/en/news/12-05-2024-a-story/"
    assert findings("Belsat", url, archived="https://web.archive.org/web/20240512093000/" + url) == []
    assert findings("Belsat", url, archived="https://archive.ph/AbCdE") == []
    assert findings("Belsat", url, archived="https://example.org/copy") == [
        "`archived` is on 'example.org'; give a capture on web.archive.org or archive.today (archive.ph, archive.is)"
    ]


def test_the_archive_link_is_the_capture_or_the_wayback_lookup_at_the_publication_date() -> None:
    page = "https://belsat.eu/en/news/12-05-2024-a-story/"
    assert source("Belsat", page, published="2024-05-12").archive == f"https://web.archive.org/web/20240512/{page}"
    assert source("Belsat", page, published="2024-05").archive == f"https://web.archive.org/web/20240531/{page}"
    assert source("Belsat", page, archived="https://archive.ph/AbCdE").archive == "https://archive.ph/AbCdE"


def _dataset(**sources: tuple[str, str]):
    from components.data.model import Dataset

    return Dataset.model_validate(
        {
            "title": "T", "description": "D", "as_of": "2026-03-19",
            "categories": [{"id": "c", "label": "C"}],
            "sources": {
                k: {"title": "T", "publisher": p, "url": u, "published": "2025"} for k, (p, u) in sources.items()
            },
            "people": [
                {"id": "p", "name": "P", "aliases": [], "role": "R", "detained": "2021", "sources": list(sources)}
            ],
            "events": [
                {"id": "e", "date": "2025", "title": "T", "category": "c", "summary": "S", "sources": list(sources)}
            ],
        }
    )  # fmt: skip


def test_an_entry_backed_only_by_state_media_or_by_no_primary_publisher_is_named() -> None:
    state = _dataset(belta=("BelTA", "https://www.belta.by/politics/view/a-123-2025/"))
    assert [(f.path, f.message.split(";")[0]) for f in citation_findings(state)] == [
        (("events", 0, "sources"), "only state media back this"),
        (("people", 0, "sources"), "only state media back this"),
    ]
    independent = _dataset(
        belta=("BelTA", "https://www.belta.by/politics/view/a-123-2025/"),
        viasna=("Human Rights Center Viasna", "https://spring96.org/en/news/115390"),
    )
    assert citation_findings(independent) == []
    copies = _dataset(yahoo=("Yahoo News", "https://news.yahoo.com/belarus-frees-123.html"))
    assert all("no source of a primary kind" in f.message for f in citation_findings(copies))


def test_warnings_name_the_source_and_its_line_and_strict_turns_them_into_exit_1(write_data, capsys) -> None:
    text = VALID.replace("url: https://example.org/a", "url: https://staging.example.org/a")
    path = write_data(text)
    (staging,) = [w for w in load_text(text, str(path)).warnings if "is a staging" in w.message]
    assert (staging.line, staging.column, staging.path) == (13, 3, "sources.s1")
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    assert "which --strict counts as problems" in capsys.readouterr().err
