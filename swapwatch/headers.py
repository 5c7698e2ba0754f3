"""The headers a person reads over each table's columns: on the pages, in the downloads, the export command
and the data URLs (one place, so every copy of a table says the same).

A column's header is the table's own (``BY_TABLE``) or the common one (``COMMON``); a column named in
neither reads as its name with spaces ("people_moved" -> "People moved").
"""

from __future__ import annotations

COMMON = {
    "id": "Id", "date": "Date", "kind": "Kind", "status": "Status", "title": "Title", "place": "Place",
    "countries": "Countries", "people_moved": "People moved", "disputed": "Disputed", "sources": "Sources",
    "event_date": "Date", "stage": "Stage", "stages": "Of stages", "leg_date": "Leg date",
    "released_by": "Released by", "received_by": "Received by", "count": "People", "group_name": "Group",
    "note": "Note", "country": "Country", "released": "Released", "received": "Received", "exchanges": "Exchanges",
    "completed": "Completed", "period": "Period", "name": "Name", "nationality": "Nationality", "roles": "Roles",
    "held_by": "Held by", "arrested": "Arrested", "charge": "Charge", "sentence": "Sentence",
    "exchanged_in": "Exchanged in", "exchanged_for": "Exchanged for", "speaker": "Speaker", "text": "Words",
    "channel": "Channel", "language": "Language", "translation": "Translation", "context": "Context",
    "event": "Event", "topics": "Topics", "events": "Events", "outlet": "Outlet", "published": "Published",
    "url": "Link", "article": "Article", "wire": "Wire", "reliability": "Reliability",
    "records_citing": "Records citing", "citing_in_view": "Citing in this view", "record_type": "Record type",
    "record": "Record", "field": "Field", "topic": "Topic", "version": "Version", "value": "Value",
    "file": "File", "line": "Line", "code": "Code", "message": "Message", "severity": "Severity",
    "series": "Numbered by", "number": "Number", "as_of": "As of", "what": "What is counted", "side": "Side",
    "claimed": "Sources state", "recorded": "Recorded legs (best)", "recorded_low": "Recorded (low)",
    "recorded_high": "Recorded (high)", "gap": "Gap", "events_counted": "Events counted",
    "numbers": "Series numbers counted", "figure": "Figure", "best": "Best figure", "low": "Low", "high": "High",
    "definition": "Definition", "records": "Records counted (command)", "modified": "Last changed",
    "bytes": "Size (bytes)", "estimate": "How exact", "supports": "Supports", "table_name": "Table", "row_count": "Rows", "detail": "Detail",
}
BY_TABLE = {
    "exchange-legs": {"title": "Exchange", "people": "Named people"},
    "exchanges-by-pair": {"country_a": "Country", "country_b": "Exchanged with", "people_a_to_b": "Released by the country",
                          "people_b_to_a": "Released by the other"},
    "people-by-country": {"released": "Released in exchanges", "received": "Received in exchanges"},
    "who-for-whom": {"title": "Exchange", "people": "People freed"},
    "people": {"status": "Custody", "released": "Released on"},
    "quotes": {"id": "Quote id", "event": "About the event"},
    "map-countries": {"released": "People released (exchanges and releases)",
                      "received": "People received (exchanges and releases)", "mediated": "Mediator in",
                      "hosted": "Host of", "venues": "Venue of"},
    "map-flows": {"from_country": "From", "to_country": "To", "people": "People"},
    "sources": {"id": "Source id"},
    "disagreements": {"disagreement_id": "Disagreement id", "record_id": "Record id", "value": "What it says"},
    "people-by-category": {"grp": "Category", "people": "People (best)", "people_low": "Low", "people_high": "High",
                           "people_disputed": "In disputed legs", "legs_uncertain": "Legs with uncertain counts"},
    "reconciliation": {"series": "Running total of"},
    "timeline": {"what": "Event"},
}


def header(table: str, column: str) -> str:
    """The header shown over ``column`` of ``table``."""
    return BY_TABLE.get(table, {}).get(column) or COMMON.get(column) or column.replace("_", " ").capitalize()


def human(table: str, frame):
    """``frame`` with its columns under the headers a person reads (a copy; the rows are the same)."""
    return frame.rename(columns={column: header(table, column) for column in frame.columns})
