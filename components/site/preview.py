"""The link-preview card (Open Graph, Twitter): one PNG per build, drawn offline with Pillow from the data."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from ..i18n import _, ngettext, speaks
from ..view.draw.style import fuzzy_date_text
from ..view.shape.frames import PALETTE, Frames, count_label

WIDTH, HEIGHT = 1200, 630  # the size Open Graph and Twitter's large card show without cropping
MARGIN = 60
INK, MUTED, LINE = "#111111", "#555555", PALETTE[1]
FONT = Path(__file__).with_name("fonts") / "SourceSans3VF-Upright.woff2"  # SIL Open Font License, fonts/OFL.txt


def _font(size: int, weight: int = 400) -> ImageFont.FreeTypeFont:
    # A font shipped with the code (Latin, Cyrillic, dashes and quotes), not the machine's: the same data gives the
    # same bytes everywhere, and a Belarusian title is not drawn as empty boxes.
    font = ImageFont.truetype(FONT, size)
    font.set_variation_by_axes([weight])
    return font


def _counts_line(draw: ImageDraw.ImageDraw, counts: pd.DataFrame, box: tuple[int, int, int, int]) -> None:
    """Viasna's counts over time as one line, scaled to the box; nothing when there are fewer than two."""
    if len(counts) < 2:
        return
    left, top, right, bottom = box
    days = counts["date"].map(pd.Timestamp.toordinal).tolist()
    values = counts["count"].astype(float).tolist()
    first, span = days[0], max(1, days[-1] - days[0])
    high = max(values) or 1.0
    points = [
        (left + (d - first) / span * (right - left), bottom - v / high * (bottom - top))
        for d, v in zip(days, values, strict=True)
    ]
    draw.line([(left, bottom), (right, bottom)], fill="#cccccc", width=2)
    draw.line(points, fill=LINE, width=6, joint="curve")


@speaks
def preview_png(frames: Frames, version: str, *, language: str) -> bytes:
    """A 1200×630 card: the title, the latest count of political prisoners, its trend, the data's version; in
    `language`, from frames in that language."""
    data, counts = frames.meta, frames.counts  # in date order
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for line in textwrap.wrap(data.title, width=40, max_lines=2, placeholder=" …"):
        draw.text((MARGIN, y), line, font=_font(56, 700), fill=INK)
        y += 64
    if len(counts):
        latest = counts.iloc[-1]
        draw.text((MARGIN, y + 20), count_label(latest), font=_font(110, 700), fill=LINE)
        held = ngettext("political prisoner held, {date} (Viasna)", "political prisoners held, {date} (Viasna)",
                        int(latest["count"])).format(date=latest["date_label"])  # fmt: skip
        draw.text((MARGIN, y + 152), held, font=_font(36), fill=MUTED)
        _counts_line(draw, counts, (MARGIN, y + 225, WIDTH - MARGIN, HEIGHT - MARGIN - 50))
    as_of = _("Data as of {date} · version {version}").format(
        date=fuzzy_date_text(data.as_of, language), version=version
    )
    draw.text((MARGIN, HEIGHT - MARGIN - 30), as_of, font=_font(30), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
