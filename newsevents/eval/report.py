"""Readable tables from the JSON summaries that `newsevents eval` and `bench` produce.

One renderer serves every task: scalars print as ``name: value``, a mapping of mappings (per
class scores, a confusion matrix, system-versus-baseline scores) prints as a table, a list of
mappings (a reliability table) too, and anything else nested gets its own heading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Scalar = str | int | float | bool | None


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def format_value(value: Scalar) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def table(rows: Sequence[Sequence[Scalar]], header: Sequence[str]) -> list[str]:
    """Numeric columns right-aligned, the others left-aligned, two spaces between columns."""
    numeric = [
        i > 0 and all(isinstance(row[i], int | float | None) for row in rows)
        for i in range(len(header))
    ]
    cells = [list(header)] + [[format_value(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for number, row in enumerate(cells):
        parts = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def mapping_table(name: str, rows: Mapping[str, Mapping[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows.values():
        columns += [k for k, v in row.items() if is_scalar(v) and k not in columns]
    body = [[key, *(row.get(c) for c in columns)] for key, row in rows.items()]
    return table(body, [name, *columns])


def render(summary: Mapping[str, Any], heading: str | None = None) -> str:
    return "\n".join(render_lines(summary, heading)).strip("\n")


def render_lines(summary: Mapping[str, Any], heading: str | None) -> list[str]:
    lines = [f"== {heading}"] if heading else []
    for key, value in summary.items():
        if is_scalar(value):
            lines.append(f"{key}: {format_value(value)}")
        elif isinstance(value, Sequence) and all(is_scalar(v) for v in value):
            lines.append(f"{key}: {', '.join(format_value(v) for v in value) or '-'}")
    for key, value in summary.items():
        title = f"{heading}.{key}" if heading else key
        if (
            isinstance(value, Mapping)
            and value
            and all(isinstance(v, Mapping) for v in value.values())
        ):
            lines += ["", f"== {title}", *mapping_table("", value)]
            for name, row in value.items():
                nested = {k: v for k, v in row.items() if not is_scalar(v)}
                if nested:
                    lines += ["", *render_lines(nested, f"{title}.{name}")]
        elif isinstance(value, Mapping) and value:
            lines += ["", *render_lines(value, title)]
        elif isinstance(value, Sequence) and value and all(isinstance(v, Mapping) for v in value):
            rows = {str(i): row for i, row in enumerate(value, start=1)}
            lines += ["", f"== {title}", *mapping_table("#", rows)]
    return lines
