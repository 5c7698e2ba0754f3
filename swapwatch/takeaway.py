"""Taking a view away (a small Streamlit module, like ui.py): the briefing pack buttons and the page's data URLs."""

from __future__ import annotations

import hashlib

import streamlit as st

from swapwatch import briefing, config, ui
from swapwatch.worldmap import MEASURES
from swapwatch.filters import CUSTODY_LABELS, Filters

# The exported tables each page shows, for its data links.
TABLES = {
    "overview": ["figures", "people-by-category", "events"],
    "exchanges": ["exchanges-by-period", "people-by-country", "exchanges-by-pair", "numbered-exchanges",
                  "reconciliation", "who-for-whom", "exchange-legs"],
    "people": ["people"],
    "quotes": ["quotes"],
    "map": ["map-countries", "map-flows"],
    "sources": ["disagreements", "sources"],
    "health": [],
}


def options() -> briefing.Options:
    """The page choices this view has made (Exchanges' period, People's custody and profile, Quotes' search,
    speaker, topic and channel, the Map's measure)."""
    if "custody" in st.session_state:  # the widget's value (None when no choice is selected: everyone)
        custody = st.session_state["custody"] or ""
    else:  # its first run: the link's value, an id or a label
        custody = st.query_params.get("custody", "detainee")
    by_label = {label: key for key, label in CUSTODY_LABELS.items()}
    custody = custody if custody in CUSTODY_LABELS else by_label.get(custody, "detainee")
    period = st.session_state.get("period") or st.query_params.get("period", "year")
    measure = st.session_state.get("measure") or st.query_params.get("measure", "events")
    measure = {label: key for key, label in MEASURES.items()}.get(measure, measure)  # the link holds the label
    # The Quotes page's choices: the widgets' ids (a pack is built on a rerun, when they are in the session);
    # on a first run, the link's (labels, which the data URLs take too).
    quotes = {key: _chosen(key) for key in ("speaker", "topic", "channel")}
    return briefing.Options(period=period if period in ("month", "year") else "year", custody=custody or "",
                            search=st.session_state.get("q", st.query_params.get("q", "")) or "", **quotes,
                            measure=measure if measure in MEASURES else "events",
                            # the person the link opens (the page's first person, when none is chosen, is not one)
                            profile=(st.session_state.get("profile") or "") if "profile" in st.query_params else "")


def _chosen(key: str) -> str:
    return (st.session_state[key] if key in st.session_state else st.query_params.get(key, "")) or ""


def box(page: str, filters: Filters) -> None:
    """A "Briefing pack" download of this page and of all pages (built when asked for), and the page's data URLs."""
    if ui.presenting():
        return
    with st.expander("Briefing pack and data URLs", icon=":material/picture_as_pdf:"):
        chosen = options()
        left, right = st.columns(2)
        with left:
            _pack_button(f"Briefing pack: {briefing.NAMES[page]}", [page], filters, chosen)
        with right:
            _pack_button("Briefing pack: all pages", list(briefing.PAGES), filters, chosen)
        _data_links(page, filters, chosen)


def _pack_button(label: str, pages: list[str], filters: Filters, chosen: briefing.Options) -> None:
    from swapwatch import pack
    from swapwatch.dataurls import BadQuery
    from swapwatch.text import md

    db, version = ui.run_data()  # the version keys a pack to the data it was built from
    key = "pack-" + hashlib.blake2b(repr((pages, filters, chosen, version)).encode(), digest_size=8).hexdigest()
    if st.button(label, key=f"make-{len(pages)}", icon=":material/picture_as_pdf:",
                 help="A PDF of this view: filters, figures with their definitions, charts, tables, source notes"):
        with st.spinner("Building the briefing pack…", show_time=True):
            try:
                st.session_state[f"_pack-{len(pages)}"] = (key, pack.make(db, config.data_dir(), pages, filters, chosen))
            except BadQuery as problem:  # a quote choice the link holds that the Quotes page does not offer
                st.warning(f"The pack was not built: {md(str(problem))}. Change the Quotes page's choice.")
    made = st.session_state.get(f"_pack-{len(pages)}")
    if made and made[0] == key:  # built for this very view and data
        st.download_button(f"⬇ Download the PDF ({len(made[1]) // 1024:,} KB)", made[1],
                           file_name=pack.file_name(pages, filters), mime="application/pdf",
                           key=f"download-pack-{len(pages)}", on_click="ignore")


def _data_links(page: str, filters: Filters, chosen: briefing.Options) -> None:
    from swapwatch.dataurls import query_string

    tables = TABLES.get(page, [])
    if not tables:
        return
    quotes = chosen.quotes() if page == "quotes" else {}
    query = query_string(filters, period=chosen.period if page == "exchanges" else None,
                         custody=chosen.custody if page == "people" else None, **quotes)
    suffix = f"?{query}" if query else ""
    st.caption("Data URLs of this view's tables: the same rows as the downloads, for your own tools.")
    for name in tables:
        label, csv, json = st.columns([2, 1, 1, 3])[:3]
        label.caption(name)
        csv.link_button("CSV", f"/api/{name}.csv{suffix}", width="stretch")
        json.link_button("JSON", f"/api/{name}.json{suffix}", width="stretch")
