"""Plotly figures as plain dicts; hub.js draws them with the Plotly the hub serves itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

PALETTE = (
    "#1f5f8b", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#2e4057",
    "#c2570c", "#5c946e", "#b5838d", "#3d5a80", "#98c1d9", "#6d597a", "#e56b6f",
)  # fmt: skip
VERDICT_COLOURS = {
    "expand": "#1b7f4c",
    "keep": "#2a9d8f",
    "fix": "#e76f51",
    "reconsider": "#8d2b2b",
    "not_enough_data": "#adb5bd",
    "no_data": "#adb5bd",
}


def _layout(title: str, y_title: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "title": {
            "text": title,
            "font": {"size": 15},
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 10},
        },
        "margin": {"l": 48, "r": 12, "t": 40, "b": 40},
        "height": 340,
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.18},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "automargin": True},
        "xaxis": {"automargin": True},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


_TOP_LEGEND = {
    "orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "traceorder": "normal",
}  # fmt: skip


def weekly_lines(
    title: str,
    y_title: str,
    series: Mapping[str, Mapping[str, float | None]],
    names: Mapping[str, str],
    shown: int = 6,
) -> dict[str, Any]:
    """One line per series (e.g. per gate) over weeks ('YYYY-MM-DD' Mondays). Only the first
    `shown` series are drawn at first; the others wait in the legend, a click away."""
    traces = []
    for index, (key, points) in enumerate(series.items()):
        weeks = sorted(points)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": names.get(key, key),
                "x": weeks,
                "y": [points[w] for w in weeks],
                "line": {"color": PALETTE[index % len(PALETTE)], "width": 2},
                "marker": {"size": 5},
                "visible": True if index < shown else "legendonly",
            }
        )
    return {
        "data": traces,
        "layout": _layout(
            title,
            y_title,
            xaxis={
                "type": "date",
                "automargin": True,
                "tickformat": "%d/%m",
                "hoverformat": "%d/%m/%Y",
            },
        ),
    }


def _stacked_bars(
    categories: Sequence[str], parts: Mapping[str, Sequence[float]]
) -> list[dict[str, Any]]:
    """One horizontal bar trace per part, the first category on top."""
    return [
        {
            "type": "bar",
            "orientation": "h",
            "name": part,
            "y": list(reversed(categories)),
            "x": list(reversed(values)),
            "marker": {"color": PALETTE[index % len(PALETTE)]},
        }
        for index, (part, values) in enumerate(parts.items())
    ]


def stacked_shares(
    title: str, categories: Sequence[str], shares: Mapping[str, Sequence[float]]
) -> dict[str, Any]:
    """Stacked horizontal bars of shares (%) per category, one trace per part (e.g. language)."""
    traces = _stacked_bars(categories, shares)
    for trace in traces:
        trace["hovertemplate"] = "%{y} · " + trace["name"] + ": %{x:.0f} %<extra></extra>"
    return {
        "data": traces,
        "layout": _layout(
            title,
            "",
            barmode="stack",
            height=max(260, 26 * len(categories) + 120),
            xaxis={"range": [0, 100], "ticksuffix": " %"},
            yaxis={"automargin": True},
            legend=_TOP_LEGEND,
            margin={"l": 48, "r": 12, "t": 72, "b": 32},
        ),
    }


def stacked_counts(
    title: str, x_title: str, categories: Sequence[str], counts: Mapping[str, Sequence[int]]
) -> dict[str, Any]:
    """Stacked horizontal bars of counts per category, one trace per part, largest on top."""
    return {
        "data": _stacked_bars(categories, counts),
        "layout": _layout(
            title,
            "",
            barmode="stack",
            height=max(260, 26 * len(categories) + 120),
            xaxis={"title": {"text": x_title}},
            yaxis={"automargin": True},
            legend=_TOP_LEGEND,
            margin={"l": 48, "r": 12, "t": 72, "b": 48},
        ),
    }
