"""The Frictionless Data Package descriptor of the download tables, generated from their descriptions."""

from __future__ import annotations

from typing import Any

from ...data.model import DatasetInfo
from ...i18n import _
from .data_tables import CSV_DIALECT, TABLES, Column, Table


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.format:
        field["format"] = column.format
    if column.required:
        field["constraints"] = {"required": True}
    return field


def table_schema(table: Table) -> dict[str, Any]:
    """A Table Schema: fields with types and descriptions, the primary key and the foreign keys."""
    schema: dict[str, Any] = {"fields": [_field(column) for column in table.columns], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": field, "reference": {"resource": resource, "fields": target}}
            for field, resource, target in table.foreign_keys
        ]
    return schema


def datapackage(data: DatasetInfo, version: str, citation: str, filters: str | None = None) -> dict[str, Any]:
    """The descriptor: what the data is, its version, licence, citation and sources, and one resource per table."""
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "belarus-timeline",
        "title": data.title,
        "description": data.description,
        "version": version,
        "citation": citation,
        "filters": filters or _("none: every entry of the data file"),
    }
    if data.license:
        descriptor["licenses"] = [{"name": data.license, **({"path": data.license_url} if data.license_url else {})}]
    if data.repository_url:
        descriptor["homepage"] = data.repository_url
        descriptor["contributors"] = [{"title": "The timeline's editors", "path": data.repository_url,
                                       "role": "author"}]  # fmt: skip
    publishers = sorted({source.publisher for source in data.sources.values()})
    descriptor["sources"] = [{"title": publisher} for publisher in publishers]
    descriptor["resources"] = [
        {
            "name": table.name,
            "title": table.title,
            "description": table.description,
            "path": table.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": CSV_DIALECT,
            "schema": table_schema(table),
        }
        for table in TABLES
    ]
    return descriptor
