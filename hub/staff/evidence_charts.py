"""Chart parts the evidence adds: reach with its 95% interval, events marked on weekly lines,
and partial weeks marked as such."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hub.evidence.intervals import Estimate
from hub.evidence.storage import GateEvent
from hub.staff.charts import VERDICT_COLOURS, _layout


def reach_bars(
    title: str, x_title: str, labels: Sequence[str], reach: Sequence[Estimate],
    verdicts: Sequence[str], verdict_texts: Sequence[str],
) -> dict[str, Any]:  # fmt: skip
    """Reach per 1,000 crossings per gate as horizontal bars, best at the top, coloured by
    verdict, each with its 95% interval as an error bar."""
    values = [r.value or 0 for r in reach]
    plus = [(r.high - r.value) if r.known else 0 for r in reach]  # type: ignore[operator]
    minus = [(r.value - r.low) if r.known else 0 for r in reach]  # type: ignore[operator]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": list(reversed(labels)),
                "x": list(reversed(values)),
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": list(reversed(plus)),
                    "arrayminus": list(reversed(minus)),
                    "color": "#333",
                    "thickness": 1.2,
                },
                "customdata": list(reversed(verdict_texts)),
                "hovertemplate": "%{y}: %{x:.1f}<br>%{customdata}<extra></extra>",
                "marker": {"color": [VERDICT_COLOURS.get(v, "#888") for v in reversed(verdicts)]},
            }
        ],
        "layout": _layout(
            title,
            "",
            height=max(240, 28 * len(labels) + 80),
            xaxis={"title": {"text": x_title}, "rangemode": "tozero"},
            yaxis={"automargin": True},
            margin={"l": 120, "r": 12, "t": 40, "b": 48},
        ),
    }


def mark_events(
    figure: dict[str, Any], events: Sequence[GateEvent], label: Mapping[str, str]
) -> dict[str, Any]:
    """Draw each event as a dashed vertical line with its kind written at the top."""
    shapes = list(figure["layout"].get("shapes", []))
    notes = list(figure["layout"].get("annotations", []))
    for event in events:
        day = event.day.isoformat()
        shapes.append(
            {
                "type": "line", "xref": "x", "yref": "paper", "x0": day, "x1": day, "y0": 0,
                "y1": 1, "line": {"color": "#6d597a", "width": 1.5, "dash": "dash"},
            }
        )  # fmt: skip
        notes.append(
            {
                "x": day, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom",
                "text": label.get(event.kind, event.kind), "showarrow": False,
                "font": {"size": 10, "color": "#6d597a"},
            }
        )  # fmt: skip
    figure["layout"]["shapes"] = shapes
    figure["layout"]["annotations"] = notes
    return figure


def mark_partial_weeks(figure: dict[str, Any], partial: Mapping[str, str]) -> dict[str, Any]:
    """Points of weeks with fewer than seven days inside the period (`partial`: Monday -> a
    text such as "3 days") are drawn hollow, and their hover text says so."""
    for trace in figure["data"]:
        weeks = trace.get("x", [])
        symbols = ["circle-open" if w in partial else "circle" for w in weeks]
        trace["marker"] = {**trace.get("marker", {}), "symbol": symbols, "size": 7}
        trace["text"] = [partial.get(w, "") for w in weeks]
        trace["hovertemplate"] = "%{x|%d/%m/%Y}: %{y:.1f} %{text}<extra>%{fullData.name}</extra>"
    return figure
