"""The counting contract in code: every headline figure's label and one-sentence definition.

docs/figures.md is the long form (what is counted, which statuses, kinds and categories, how stages,
programmes, uncertain counts and filters count); a test keeps the two in step. Pages take their help
text from here, so a label means the same thing wherever it appears.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS = "docs/figures.md"


@dataclass(frozen=True)
class Figure:
    key: str  # its column in overview_figures.sql, which counts it (that SQL names the macros)
    label: str
    help: str  # one sentence: what is counted
    records: str  # the export that lists the records it counts, under the same filters


HEADLINE = (
    Figure("exchanges_completed", "Exchanges completed",
           "Exchanges with status completed among the events in view; a programme of staged swaps counts "
           "by its stages, not once more.", "events --kind exchange --status completed"),
    Figure("people_exchanged", "People exchanged",
           "People moved by the legs of the completed exchanges in view, all sides and every category but "
           "bodies (prisoners, prisoners of war, civilians, wounded, children); uncertain counts give a "
           "range, and withheld ones make the total a lower bound.",
           "exchange-legs --status completed (people-by-category sums them)"),
    Figure("proposals_pending", "Proposals pending",
           "Events in view with status proposed, announced or agreed: not yet carried out.",
           "events --status proposed --status announced --status agreed"),
    Figure("people_still_held", "People still held",
           "People in view whose latest spell in custody has no recorded release: what the People page "
           "shows as Still held.", "people --custody held"),
    Figure("events", "Events", "Events in view, of every kind and status.", "events"),
    Figure("countries_involved", "Countries involved",
           "Countries with any role (releasing, receiving, mediator, host, party) in the events in view.",
           "map-countries"),
    Figure("quotes", "Quotes", "Quotes in view: what the Quotes page lists under the same filters.", "quotes"),
    Figure("disagreements", "Disputed facts",
           "Facts about the events, people and quotes in view on which sources disagree: what the Sources "
           "page's register lists.", "disagreements"),
)
BY_KEY = {figure.key: figure for figure in HEADLINE}
# The Exchanges page's count of every status (its other figures are the headline's, under the same label).
ANY_STATUS = Figure("exchanges", "Exchanges, any status",
                    "Exchanges in view whatever their status (proposed to completed); a programme of staged swaps "
                    "counts by its stages.", "exchanges-by-period")


def exchange_figures(by_period, row) -> list[tuple[Figure, str]]:
    """The Exchanges page's figures (page and briefing pack): from exchanges_by_period and an overview_figures
    row under the same filters."""
    return [(ANY_STATUS, f"{int(by_period['exchanges'].sum()) if len(by_period) else 0:,}"),
            (BY_KEY["exchanges_completed"], f"{int(row['exchanges_completed']):,}"),
            (BY_KEY["people_exchanged"], people_exchanged(row))]


def amount(best: int, low: int, high: int | None) -> str:
    """A count as a briefer reads it out: '5,663', '1,090 (1,000–1,200)', or 'at least 2,400' (high None:
    a withheld or 'over' figure sets no upper bound)."""
    if high is None:
        return f"at least {low:,}" + (f" (best figure {best:,})" if best != low else "")
    if low == best == high:
        return f"{best:,}"
    return f"{best:,} ({low:,}–{high:,})"


def upper(value) -> int | None:
    """A high figure from a query row: None when the query gave NULL (no upper bound)."""
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def people_exchanged(row) -> str:
    """The 'People exchanged' figure of an overview_figures row, with its range or lower bound."""
    return amount(int(row["people_exchanged"]), int(row["people_exchanged_low"]), upper(row["people_exchanged_high"]))


def as_rows(frame):
    """overview_figures' one row as one row per headline figure: label, value as read out, best, low,
    high (empty: no upper bound), definition and the export listing the records counted (what `export
    figures` and the download give)."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=["figure", "value", "best", "low", "high", "definition", "records"])
    row = frame.iloc[0]
    rows = []
    for figure in HEADLINE:
        best = int(row[figure.key])
        low, high = best, best
        value = f"{best:,}"
        if figure.key == "people_exchanged":
            value = people_exchanged(row)
            low, high = int(row["people_exchanged_low"]), upper(row["people_exchanged_high"])
        rows.append(dict(figure=figure.label, value=value, best=best, low=low, high=high, definition=figure.help,
                         records=f"python -m swapwatch export {figure.records}"))
    return pd.DataFrame(rows)
