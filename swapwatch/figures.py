"""The headline figures: their labels and one-sentence definitions, in one place for the pages' help,
the briefing pack and the figures export (docs/figures.md explains them at length)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A headline figure: the overview_figures column it reads, its label and its definition."""
    key: str
    label: str
    definition: str


# In the overview's order (two rows of four).
FIGURES = {figure.key: figure for figure in (
    Figure("exchanges_completed", "Exchanges completed",
           "Events of kind exchange with status completed; a programme of staged swaps counts by its stages."),
    Figure("people_exchanged", "People exchanged",
           "People moved in completed exchanges, all sides together (bodies not counted)."),
    Figure("proposals_pending", "Proposals pending",
           "Events proposed, announced or agreed but not yet carried out."),
    Figure("people_still_held", "People still held",
           "Named detainees with no recorded release (including any whose release sources dispute: "
           "the People page marks them)."),
    Figure("events", "Events", "Records of events of every kind that match the filters."),
    Figure("countries_involved", "Countries involved",
           "Countries that play any role (releasing, receiving, mediator, host, party) in these events."),
    Figure("quotes", "Quotes", "Statements quoted about these events."),
    Figure("disagreements", "Disputed facts", "Facts about these events on which sources disagree; see Sources."),
)}



# The Exchanges page's figures, summed from exchanges_by_period.
EXCHANGE_FIGURES = {figure.key: figure for figure in (
    Figure("exchanges", "Exchanges", "Exchanges among the filtered events, whatever their status (a staged programme counts by its stages)."),
    Figure("completed", "Completed", "Those exchanges carried out (status completed)."),
    Figure("people_moved", "People moved", "People moved in these exchanges, all sides together; bodies not counted."),
)}
