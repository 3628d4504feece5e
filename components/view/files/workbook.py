"""The download tables as an Excel workbook: an About sheet, then one sheet per table."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .data_tables import FORMULA_STARTS, TABLE_BY_NAME, TABLES

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WRITTEN_DATES = {"date", "end", "published", "detained", "released"}  # dates as the data writes them
_BOLD = Font(bold=True)
_LINK = Font(color="0563C1", underline="single")
_FIXED_TIME = dt.datetime(2000, 1, 1)


def _put(cell: Cell, value: Any, *, column: str, kind: str, link: bool) -> None:
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return
    if kind == "date" or (column in _WRITTEN_DATES and isinstance(value, str) and _DAY.fullmatch(value)):
        cell.value = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        cell.number_format = "yyyy-mm-dd"  # a real date at day precision; months and years stay as written
        return
    cell.value = value.item() if hasattr(value, "item") else value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text begins with
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # shown and edited as text, the value kept exactly
        if link:
            cell.hyperlink = value
            cell.font = _LINK


def _sheet(sheet: Worksheet, name: str, frame: pd.DataFrame) -> None:
    table = TABLE_BY_NAME[name]
    sheet.append(table.column_names)
    for cell in sheet[1]:
        cell.font = _BOLD
    for row_number, row in enumerate(frame.itertuples(index=False), start=2):
        for column_number, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = sheet.cell(row_number, column_number)
            assert isinstance(cell, Cell)  # a fresh sheet has no merged cells
            _put(cell, value, column=column.name, kind=column.type, link=column.format == "uri")
    sheet.freeze_panes = "A2"
    for number, column in enumerate(table.columns, start=1):
        width = (
            12 if column.type in ("date", "integer", "boolean") else 40 if column.name in ("summary", "note") else 24
        )
        sheet.column_dimensions[get_column_letter(number)].width = width


def _about(sheet: Worksheet, about: dict[str, Any]) -> None:
    for key, value in about.items():
        sheet.append([key, value])
        sheet.cell(sheet.max_row, 1).font = _BOLD
    sheet.append([])
    sheet.append(["Sheet", "Field", "Type", "Description"])
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for table in TABLES:
        for column in table.columns:
            sheet.append([table.name, column.name, column.type, column.description])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["D"].width = 80


def _deterministic(content: bytes) -> bytes:
    """The same workbook bytes for the same data: fixed times in the archive and in its document properties."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return output.getvalue()


def workbook_bytes(tables: dict[str, pd.DataFrame], about: dict[str, Any]) -> bytes:
    """An About sheet (citation, version, licence, field descriptions), then one sheet per table."""
    book = Workbook()
    book.properties.created = _FIXED_TIME
    about_sheet = book.active
    assert about_sheet is not None
    about_sheet.title = "About"
    _about(about_sheet, about)
    for table in TABLES:
        _sheet(book.create_sheet(table.name), table.name, tables[table.name])
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())
