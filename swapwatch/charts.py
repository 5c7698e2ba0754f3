"""Plotly figures built from query results (no Streamlit calls)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from swapwatch.records import EVENT_KINDS

# Okabe–Ito and Tableau-like colours that stay distinct for colour-blind viewers and on projectors.
KIND_COLOURS = dict(zip(EVENT_KINDS, (
    "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#882255", "#56B4E9", "#E69F00", "#F0E442", "#999933",
    "#332288", "#117733", "#44AA99", "#AA4499", "#DDCC77", "#88CCEE", "#661100", "#6699CC", "#888888",
)))
FONT_SIZE = 16


def timeline(events: pd.DataFrame) -> go.Figure:
    """Events on a time axis, one row per kind, coloured by kind; hover shows title and status."""
    figure = go.Figure()
    for kind in [k for k in EVENT_KINDS if k in set(events["kind"])]:
        rows = events[events["kind"] == kind]
        figure.add_trace(go.Scatter(
            x=pd.to_datetime(rows["date_start"]), y=[kind] * len(rows), mode="markers", name=kind,
            marker=dict(size=14, color=KIND_COLOURS[kind], line=dict(width=1, color="#222")),
            customdata=rows[["title", "status", "date"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[2]} · %{customdata[1]}<extra></extra>",
        ))
    figure.update_layout(
        height=max(260, 60 + 42 * events["kind"].nunique()), margin=dict(l=10, r=10, t=10, b=10),
        font=dict(size=FONT_SIZE), legend=dict(orientation="h", y=-0.2), showlegend=False,
        xaxis=dict(title=None, showgrid=True), yaxis=dict(title=None, categoryorder="array",
                                                         categoryarray=list(reversed(EVENT_KINDS))),
    )
    return figure
