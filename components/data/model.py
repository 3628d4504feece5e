"""The data contract of events.yaml: one pydantic model that validation, schema and charts share."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from ..i18n import TRANSLATED_LANGUAGES, _, ngettext
from .fuzzy_dates import PATTERN as DATE_PATTERN
from .fuzzy_dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_DIGITS = re.compile(r"[0-9]+")
_DEGREES = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]+)?")
STATUSES = ("confirmed", "reported", "disputed")
RELEASE_KINDS = ("pardon", "deportation", "sentence-served", "exchange", "other")
PLACE_KINDS = ("penal-colony", "pre-trial-prison", "prison", "detention-centre", "hospital", "court", "city",
               "border-crossing", "embassy", "other")  # fmt: skip
# Where a place's coordinates point: the institution itself, or only the town it is in.
COORDINATE_PRECISIONS = ("institution", "town")
# Held, treated in custody or tried there: inside Belarus.
INSTITUTIONS = ("penal-colony", "pre-trial-prison", "prison", "detention-centre", "hospital", "court")
# A text's translations (into TRANSLATED_LANGUAGES; English is the main field's: title, name, ...).
TRANSLATED_SUFFIX = "_i18n"  # title_i18n: {be: ..., ru: ..., uk: ...}


def _describe(value: object) -> str:
    """What the author wrote, for the `{got}` of a problem: 'expected text, got a list'."""
    if value is None:
        return _("nothing (the value is empty)")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return f"'{value}'"


def _date(value: object) -> FuzzyDate:
    try:
        return parse_fuzzy_date(value)
    except FuzzyDateError as error:
        raise PydanticCustomError("fuzzy_date", str(error)) from None


def _text(value: object) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        raise PydanticCustomError("text", _("expected text, got {got}"), {"got": _describe(value)})
    text = str(value)
    if not text.strip():
        raise PydanticCustomError("text", _("is empty; write a value or remove the field"))
    return text


SHORT_LENGTH = 40  # a label printed on the chart
DEATH_IN_CUSTODY = "death-in-custody"  # the tag of an event that is a political prisoner's death in custody
WAYBACK = "https://web.archive.org/web/"  # + YYYYMMDD/URL: the capture nearest that day


def _short(value: object) -> str:
    text = _text(value)
    if len(text) > SHORT_LENGTH:
        raise PydanticCustomError(
            "short",
            ngettext(
                "is {length} character; a chart label takes at most {limit} "
                "(shorten it, or leave it out to use the title)",
                "is {length} characters; a chart label takes at most {limit} "
                "(shorten it, or leave it out to use the title)",
                len(text),
            ),
            {"length": len(text), "limit": SHORT_LENGTH},
        )
    return text


def _slug(value: object) -> str:
    text = _text(value)
    if not _SLUG.fullmatch(text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-id"
        raise PydanticCustomError(
            "slug",
            _("'{value}' is not a valid id; use lowercase letters, digits and hyphens (e.g. '{suggestion}')"),
            {"value": text, "suggestion": suggestion},
        )
    return text


def _count(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is not None and _DIGITS.fullmatch(text):
        return int(text)
    if text is not None and re.fullmatch(r"[0-9][0-9,. _']*", text):
        digits = re.sub(r"\D", "", text)
        raise PydanticCustomError(
            "count",
            _("'{value}' is not a whole number; write digits only (e.g. {digits})"),
            {"value": text, "digits": digits},
        )
    raise PydanticCustomError("count", _("expected a whole number of 0 or more, got {got}"), {"got": _describe(value)})


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("flag", _("expected true or false, got {got}"), {"got": _describe(value)})


def _url(value: object) -> str:
    text = _text(value).strip()
    parts = urlsplit(text)
    try:
        valid_port = parts.port is None or parts.port > 0
    except ValueError:  # 'https://example.org:99999/'
        valid_port = False
    if (
        not valid_port
        or parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() for c in text)
    ):
        raise PydanticCustomError(
            "url",
            _("'{value}' is not an http(s) web address; give the full link starting with https://"),
            {"value": text},
        )
    return text


def _color(value: object) -> str:
    text = _text(value)
    if not _COLOR.fullmatch(text):
        raise PydanticCustomError(
            "color", _("'{value}' is not a colour; use #rrggbb (quote it: \"#0072b2\")"), {"value": text}
        )
    return text


def _one_of(value: object, choices: tuple[str, ...], error: str, message: str) -> str:
    """`value` when it is one of `choices`; `message` (translated, with {value} and {choices}) when it is not."""
    text = _text(value)
    if text not in choices:
        raise PydanticCustomError(error, message, {"value": text, "choices": ", ".join(choices)})
    return text


def _status(value: object) -> str:
    return _one_of(value, STATUSES, "status", _("'{value}' is not a status; use one of: {choices}"))


def _release_kind(value: object) -> str:
    return _one_of(value, RELEASE_KINDS, "release_kind", _("'{value}' is not a kind of release; use one of: {choices}"))


def _place_kind(value: object) -> str:
    return _one_of(value, PLACE_KINDS, "place_kind", _("'{value}' is not a kind of place; use one of: {choices}"))


def _coordinate_precision(value: object) -> str:
    return _one_of(
        value, COORDINATE_PRECISIONS, "coordinate_precision", _("'{value}' is not a precision; use one of: {choices}")
    )


def _degrees(limit: float) -> Callable[[object], float]:
    def degrees(value: object) -> float:
        # The reader gives every scalar as text: '53.9' is read here, as counts are in `_count`.
        text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
        if not _DEGREES.fullmatch(text):
            raise PydanticCustomError(
                "degrees", _("expected a number of degrees (e.g. 53.9), got {got}"), {"got": _describe(value)}
            )
        value = float(text)
        if not -limit <= value <= limit:
            raise PydanticCustomError(
                "degrees", _("{value} is outside -{limit}…{limit} degrees"), {"value": value, "limit": limit}
            )
        return float(value)

    return degrees


def _language(value: object) -> str:
    return _one_of(
        value,
        TRANSLATED_LANGUAGES,
        "language",
        _("'{value}' is not a language this page is translated into; use one of: {choices}"),
    )


def _mapping_like(example: str) -> Callable[[object], object]:
    def mapping(value: object) -> object:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise PydanticCustomError(
                "mapping",
                _("expected a mapping, e.g. {example}, got {got}"),
                {"example": example, "got": _describe(value)},
            )
        return value

    return mapping


def _list(value: object) -> object:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        raise PydanticCustomError("list", _("expected a list, e.g. [a, b], got {got}"), {"got": _describe(value)})
    return value


def _type(validator: Callable[[object], Any], schema: dict[str, Any], *, optional: bool = False) -> Any:
    """A field type validated by `validator` alone (the author's text in, a clean value out)."""
    if optional:

        def check(value: object) -> Any:
            return None if value is None else validator(value)

        return Annotated[Any, PlainValidator(check), WithJsonSchema({"anyOf": [schema, {"type": "null"}]})]
    return Annotated[Any, PlainValidator(validator), WithJsonSchema(schema)]


_DATE_SCHEMA = {"type": ["string", "integer"], "pattern": DATE_PATTERN, "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
_TEXT_SCHEMA = {"type": "string", "minLength": 1}
_SLUG_SCHEMA = {"type": "string", "pattern": f"^{_SLUG.pattern}$"}
_URL_SCHEMA = {"type": "string", "pattern": "^https?://\\S+$"}
_COUNT_SCHEMA = {"type": "integer", "minimum": 0}

if TYPE_CHECKING:  # what the validators return, for the type checker
    Date = FuzzyDate
    OptionalDate = FuzzyDate | None
    Text = str
    OptionalText = str | None
    OptionalShort = str | None
    Short = str
    Slug = str
    OptionalSlug = str | None
    Count = int
    OptionalCount = int | None
    Flag = bool
    Url = str
    OptionalUrl = str | None
    OptionalColor = str | None
    Status = str
    ReleaseKind = str
    PlaceKind = str
    CoordinatePrecision = str
    Latitude = float
    Longitude = float
    Language = str
else:
    Date = _type(_date, _DATE_SCHEMA)
    OptionalDate = _type(_date, _DATE_SCHEMA, optional=True)
    Text = _type(_text, _TEXT_SCHEMA)
    OptionalText = _type(_text, _TEXT_SCHEMA, optional=True)
    OptionalShort = _type(_short, {**_TEXT_SCHEMA, "maxLength": SHORT_LENGTH}, optional=True)
    Short = _type(_short, {**_TEXT_SCHEMA, "maxLength": SHORT_LENGTH})
    Slug = _type(_slug, _SLUG_SCHEMA)
    OptionalSlug = _type(_slug, _SLUG_SCHEMA, optional=True)
    Count = _type(_count, _COUNT_SCHEMA)
    OptionalCount = _type(_count, _COUNT_SCHEMA, optional=True)
    Flag = _type(_flag, {"type": "boolean"})
    Url = _type(_url, _URL_SCHEMA)
    OptionalUrl = _type(_url, _URL_SCHEMA, optional=True)
    OptionalColor = _type(_color, {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}, optional=True)
    Status = _type(_status, {"enum": list(STATUSES)})
    ReleaseKind = _type(_release_kind, {"enum": list(RELEASE_KINDS)})
    PlaceKind = _type(_place_kind, {"enum": list(PLACE_KINDS)})
    CoordinatePrecision = _type(_coordinate_precision, {"enum": list(COORDINATE_PRECISIONS)})
    Latitude = _type(_degrees(90), {"type": "number", "minimum": -90, "maximum": 90})
    Longitude = _type(_degrees(180), {"type": "number", "minimum": -180, "maximum": 180})
    Language = _type(_language, {"enum": list(TRANSLATED_LANGUAGES)})

Slugs = Annotated[list[Slug], BeforeValidator(_list)]
Texts = Annotated[list[Text], BeforeValidator(_list)]
ReleaseKinds = Annotated[list[ReleaseKind], BeforeValidator(_list)]
Translations = Annotated[dict[Language, Text], BeforeValidator(_mapping_like("{be: ..., ru: ..., uk: ...}"))]
ShortTranslations = Annotated[dict[Language, Short], BeforeValidator(_mapping_like("{be: ..., ru: ..., uk: ...}"))]


def _translations(of: str) -> Any:
    return Field(
        default_factory=dict,
        description=f"The {of} in Belarusian, Russian or Ukrainian: `{{be: …, ru: …, uk: …}}`, each faithful to the "
        "English and its sources; the page and the static edition show it to readers of that language (English, "
        "marked as such, where it is missing).",
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """A publication that backs dates and numbers."""

    title: Text = Field(description="The publication's own headline.")
    publisher: Text = Field(description="Who published it (Reuters, Viasna, RFE/RL, ...).")
    url: Url = Field(description="Where to read it; http or https only.")
    published: Date = Field(description="Publication date, at the precision known.")
    archived: OptionalUrl = Field(
        None,
        description="A capture of the page on web.archive.org or archive.today; without it, the page, the static "
        "edition and the downloads link the Wayback Machine's lookup of the URL at the publication date (labelled "
        '"archive (Wayback Machine)", a capture "archived copy").',
    )
    via: OptionalText = Field(
        None,
        description="The original outlet when this page is a copy (a syndicated wire story, a translation, a repost); "
        "`publisher` then names the site the URL is on.",
    )
    note: OptionalText = Field(None, description="Caveats: syndicated copy, undated page, ...")

    @property
    def archive(self) -> str:
        """Where a reader finds the page if it is blocked or gone: the capture, or the Wayback Machine's lookup of
        the URL nearest the publication date (it opens the closest capture it holds)."""
        return self.archived or f"{WAYBACK}{self.published.end:%Y%m%d}/{self.url}"


class Category(_Strict):
    """A swimlane of the timeline."""

    id: Slug = Field(description="Slug used by events' `category`.")
    label: Text = Field(description="Name shown on the chart.")
    label_i18n: Translations = _translations("label")
    color: OptionalColor = Field(None, description="#rrggbb; a colour-blind-safe default is used when absent.")
    description: OptionalText = Field(None, description="What belongs in this lane.")


class Place(_Strict):
    """A prison, colony, court, city or border crossing of the story, on the map."""

    id: Slug = Field(description="Slug used by events' `places` and people's `held_at`.")
    name: Text = Field(description="Name as shown, as Viasna writes it in English (e.g. `Penal colony No. 9, Horki`).")
    name_i18n: Translations = _translations("name")
    aliases: Texts = Field(default_factory=list, description="Other names and spellings, found by search.")
    kind: PlaceKind = Field(description="What it is.")
    town: Text = Field(description="The town or district it is in.")
    latitude: Latitude = Field(description="Degrees north (WGS 84).")
    longitude: Longitude = Field(description="Degrees east (WGS 84).")
    precision: CoordinatePrecision = Field(
        description="`institution` when the coordinates are the place itself; `town` when only its town is known."
    )
    sources: Annotated[list[Slug], BeforeValidator(_list), Field(min_length=1)] = Field(
        description="Sources that name the place (where someone was held, tried or freed); at least one."
    )
    note: OptionalText = Field(None, description="Caveats: where the sources differ, where only the town is known.")


class HeldAt(_Strict):
    """A place where a person was held, with the dates the sources give."""

    place: Slug = Field(description="A place id.")
    since: OptionalDate = Field(None, description="From when, where a source says.")
    until: OptionalDate = Field(None, description="Until when, where a source says.")


class Person(_Strict):
    """Someone the events name; detention dates draw the detention timeline."""

    id: Slug = Field(description="Slug used by events' `people`.")
    name: Text = Field(description="Name as shown.")
    name_i18n: Translations = _translations("name, in each script's usual spelling,")
    aliases: Texts = Field(description="Other spellings, Latin and Cyrillic, found by search.")
    role: Text = Field(description="Who they are, in a few words.")
    detained: OptionalDate = Field(None, description="Date of the arrest that began the detention shown.")
    released: OptionalDate = Field(
        None,
        description="Date of release: the day the person was freed (Viasna's \"Date of release\"), not the decree's; "
        "absent while still held.",
    )
    died_in_custody: OptionalDate = Field(
        None,
        description="Date of death in prison, a colony, pre-trial detention or a prison hospital; ends the detention "
        "shown (leave `released` empty). Give the death an event too, tagged `death-in-custody`.",
    )
    sentence: OptionalText = Field(None, description="Sentence as reported, with its date.")
    charges: OptionalText = Field(
        None,
        description="Criminal-code articles of the charges, where reported (e.g. `Art. 342 (gross violation of public "
        "order)`).",
    )
    note: OptionalText = Field(None, description="Disagreements between sources, caveats.")
    sources: Slugs = Field(default_factory=list, description="Sources for detained, released and sentence.")
    held_at: Annotated[list[HeldAt], BeforeValidator(_list)] = Field(
        default_factory=list,
        description="Where they were held (colonies, prisons, pre-trial detention), in order, with dates where known; "
        "the places' sources say so.",
    )

    @property
    def has_custody_facts(self) -> bool:
        """Whether the entry states an arrest, a sentence, a release or a death in custody (which need sources)."""
        return any((self.detained, self.released, self.died_in_custody, self.sentence))


class Event(_Strict):
    """One dated thing that happened."""

    id: Slug = Field(description="Unique slug; used in links (?event=...).")
    date: Date = Field(description="When it happened, at the precision known.")
    title: Text = Field(description="One line.")
    title_i18n: Translations = _translations("title")
    short: OptionalShort = Field(
        None,
        description='The label printed on the chart ("Embassy suspended"); without it the title is shortened at a '
        "word.",
    )
    short_i18n: ShortTranslations = Field(
        default_factory=dict,
        description="The chart label in Belarusian, Russian or Ukrainian: `{be: …, ru: …, uk: …}`; without it a "
        "translated title is shortened, else the English label is shown.",
    )
    category: Slug = Field(description="A category id.")
    summary: Text = Field(description="One to three factual sentences.")
    summary_i18n: Translations = _translations("summary")
    sources: Annotated[list[Slug], BeforeValidator(_list), Field(min_length=1)] = Field(
        description="Source ids; at least one."
    )
    end: OptionalDate = Field(None, description="Last day of an event that lasts; drawn as a bar.")
    people: Slugs = Field(default_factory=list, description="Person ids.")
    released: OptionalCount = Field(None, description="People freed from prison or custody in this event.")
    freed_on: OptionalDate = Field(
        None,
        description="The day the people were freed, where it is not the event's own date (talks over two days that "
        "ended in a release, a release announced the day after); the release charts and tables date the release by "
        "it.",
    )
    released_to: Annotated[dict[Text, Count], BeforeValidator(_mapping_like("{Lithuania: 9}"))] = Field(
        default_factory=dict, description="Destination -> number freed there; adds up to at most `released`."
    )
    release_kind: ReleaseKinds = Field(
        default_factory=list,
        description="How the people freed were freed; several when they apply together (pardoned and deported abroad).",
    )
    status: Status = Field("confirmed", description="confirmed, reported (single or unverified source) or disputed.")
    also: Slugs = Field(
        default_factory=list,
        description="Other category ids whose filter also finds the event; it stays in its own lane.",
    )
    tags: Slugs = Field(
        default_factory=list,
        description="Free tags; `milestone` marks key events on charts, `death-in-custody` a political prisoner's "
        "death in custody (a cross on the prisoner chart).",
    )
    note: OptionalText = Field(None, description="Where sources disagree, what each says.")
    other_sources: Slugs = Field(default_factory=list, description="Sources of other values the note mentions.")
    places: Slugs = Field(default_factory=list, description="Place ids: where it happened.")


class PrisonerCount(_Strict):
    """Political prisoners held on a date, as counted by Viasna."""

    date: Date = Field(description="The date the count refers to.")
    count: Count = Field(description="Number of political prisoners.")
    source: Slug = Field(description="A source id.")
    approximate: Flag = Field(False, description="true when the source says 'over' or 'about'.")
    before: OptionalSlug = Field(
        None,
        description="The id of an event of the same day that the count was taken before (a release that day); the "
        "headline says so.",
    )
    note: OptionalText = Field(None, description="Disagreements, dating convention.")
    other_sources: Slugs = Field(default_factory=list, description="Sources of other figures the note mentions.")


class DatasetInfo(_Strict):
    """The file but its events: what the page needs beside the events' frames (title, dates, categories, people,
    sources, counts, addresses, licence)."""

    title: Text = Field(description="Dataset title, used in citations.")
    title_i18n: Translations = _translations("dataset title")
    description: Text = Field(description="What the dataset covers.")
    description_i18n: Translations = _translations("description")
    as_of: Date = Field(description="Date the data is current to; open spans are drawn up to it.")
    sources: dict[Slug, Source] = Field(description="Source id -> source.")
    categories: Annotated[list[Category], Field(min_length=1)] = Field(description="Swimlanes, in order.")
    people: list[Person] = Field(default_factory=list, description="People named by events.")
    places: list[Place] = Field(default_factory=list, description="Prisons, colonies, courts and places of the story.")
    prisoner_counts: list[PrisonerCount] = Field(default_factory=list, description="Viasna's counts over time.")
    repository_url: OptionalUrl = Field(None, description="Where the file is kept, for 'edit this file' links.")
    dashboard_url: OptionalUrl = Field(
        None, description="The live dashboard's address; each page of the static edition links to its matching view."
    )
    site_url: OptionalUrl = Field(
        None,
        description="The static edition's address; the dashboard's event details link to the event's page, and the "
        "sitemap needs it.",
    )
    license: OptionalText = Field(
        None,
        description="The data's licence as an SPDX identifier, e.g. `CC-BY-4.0`; the downloads and the data package "
        "carry it.",
    )
    license_url: OptionalUrl = Field(None, description="Where the licence's text is.")


class Dataset(DatasetInfo):
    """The whole file."""

    events: list[Event] = Field(default_factory=list, description="The timeline.")

    @property
    def info(self) -> DatasetInfo:
        """Everything but the events, sharing this dataset's objects (no copy, no validation)."""
        return DatasetInfo.model_construct(**{name: getattr(self, name) for name in DatasetInfo.model_fields})


def _prose(info: FieldInfo) -> bool:
    """Whether a field holds free prose: a plain string type, with no pattern, choice list or format."""
    for meta in info.metadata:
        if isinstance(meta, WithJsonSchema) and meta.json_schema is not None:
            schema = meta.json_schema
            parts = [part for part in schema.get("anyOf", [schema]) if part.get("type") != "null"]
            plain = len(parts) == 1 and parts[0].get("type") == "string"
            return plain and not {"pattern", "enum", "format"} & set(parts[0])
    return False


# Fields whose values are free prose (not ids, dates, links or numbers), found from their types: the reader warns
# about a cut-off ` #` in them and the writer always quotes them.
TEXT_FIELDS = frozenset(
    name
    for model in (Dataset, Source, Category, Person, Event, PrisonerCount, Place)
    for name, info in model.model_fields.items()
    if _prose(info)
)


def json_schema() -> dict[str, Any]:
    """JSON Schema of the file for editors (yaml-language-server)."""
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Timeline events file"
    return schema
