"""Presenter mode's look (UI-free): the style sheet that hides every control, and the colours of its themes.

The page still creates its widgets (their values come from the link); the style sheet hides them. The
rules name the elements Streamlit 1.67 draws for the widgets the pages use (segmented controls are
``stButtonGroup``, the briefing pack box an ``stExpander``), at the level of their element container, so
that nothing of a control (label, gap, help icon) is left on screen.
"""

from __future__ import annotations

# Every widget Streamlit can draw, by the data-testid of its outermost element (inside its element container).
WIDGETS = ("stButtonGroup", "stSelectbox", "stMultiSelect", "stTextInput", "stDateInput", "stTimeInput",
           "stRadio", "stCheckbox", "stToggle", "stButton", "stDownloadButton", "stLinkButton", "stTextArea",
           "stNumberInput", "stSlider", "stSelectSlider", "stColorPicker", "stFileUploader", "stPills",
           "stFeedback", "stChatInput", "stCameraInput", "stAudioInput")
CHROME = ("stSidebar", "stSidebarCollapsedControl", "stExpandSidebarButton", "stHeader", "stToolbar",
          "stDecoration", "stStatusWidget", "stMainMenu", "stElementToolbar", "stTooltipIcon", "stExpander",
          "stHeaderActionElements", "stToastContainer")  # (a notice about the link is the presenter's, not the room's)

# Sizes for the back of a room: body text and tables the same, captions a little smaller, never larger.
# Scaled with the screen's width: 26 px on a 1920-wide wall screen, 20 px on a 1280-wide projector.
BODY_PX = "clamp(20px, 1.36vw, 28px)"
CAPTION_PX = "clamp(19px, 1.28vw, 26px)"
TABLE_PX = BODY_PX


def _widget_rules() -> str:
    containers = ", ".join(f'[data-testid="stElementContainer"]:has(> [data-testid="{w}"], > .{w})' for w in WIDGETS)
    wrappers = ('[data-testid="stLayoutWrapper"]:has([data-testid="stExpander"]), '
                '[data-testid="stLayoutWrapper"]:has([data-testid="stDownloadButton"], [data-testid="stLinkButton"])'
                ':not(:has([data-testid="stPlotlyChart"], [data-testid="stTable"], [data-testid="stMetric"]))')
    chrome = ", ".join(f'[data-testid="{c}"]' for c in CHROME)
    return f"{containers}, {wrappers}, {chrome}, .modebar-container {{ display: none !important; }}"


LIGHT = dict(background="#ffffff", text="#1a1a1a", muted="#3d3d3d", rule="#8a8a8a", stripe="#f2f2f2",
             panel="#eef3f8")
DARK = dict(background="#0b0f14", text="#f2f2f2", muted="#d0d0d0", rule="#6b7280", stripe="#161c24",
            panel="#1b2430")


def colours(dark: bool) -> dict[str, str]:
    """The colours presenter mode draws with (contrast at least 7:1 for text, captions included)."""
    return DARK if dark else LIGHT


# Every view: captions (Streamlit fades them to 60 %) and the chosen segment of a segmented control dark enough to read (WCAG AA, 4.5:1; Streamlit
# draws captions at 3.9:1 and the chosen segment at 4.47:1).
BASE_CSS = """<style>
[data-testid="stCaptionContainer"] { color: #555555 !important; opacity: 1 !important; }
[data-testid="stButtonGroup"] button[data-selected="true"] p { color: #9b1c2c; }
</style>"""


def css(dark: bool = False) -> str:
    """The style sheet of presenter mode: no controls, large consistent type, tables drawn whole."""
    c = colours(dark)
    return f"""<style>
{_widget_rules()}
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background: {c['background']} !important; color: {c['text']} !important; }}
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li {{ font-size: {BODY_PX} !important;
  line-height: 1.4 !important; color: {c['text']} !important; }}
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] * {{ font-size: {CAPTION_PX} !important;
  line-height: 1.35 !important; color: {c['muted']} !important; opacity: 1 !important; }}
[data-testid="stMain"] h1 {{ font-size: 56px !important; color: {c['text']} !important; padding-top: 0 !important; }}
[data-testid="stMain"] h2, [data-testid="stMain"] h3 {{ font-size: 38px !important; color: {c['text']} !important; }}
[data-testid="stMain"] h4 {{ font-size: 30px !important; color: {c['text']} !important; }}
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] *,
[data-testid="stMain"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {{
  font-size: clamp(52px, 3.4vw, 68px) !important; line-height: 1.15 !important; color: {c['text']} !important; }}
[data-testid="stMain"] [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{ font-size: {BODY_PX} !important; color: {c['muted']} !important; }}
[data-testid="stTable"] table {{ font-size: {TABLE_PX} !important; color: {c['text']} !important;
  background: {c['background']} !important; width: 100% !important; }}
[data-testid="stTable"] th, [data-testid="stTable"] td {{ font-size: {TABLE_PX} !important;
  color: {c['text']} !important; border-color: {c['rule']} !important; padding: 6px 12px !important; }}
[data-testid="stTable"] thead th {{ background: {c['panel']} !important; font-weight: 700 !important; }}
[data-testid="stTable"] tbody tr:nth-child(even) td {{ background: {c['stripe']} !important; }}
[data-testid="stTable"], [data-testid="stTable"] * {{ max-height: none !important; overflow: visible !important; }}
[data-testid="stTable"] table {{ table-layout: fixed !important; }}
[data-testid="stTable"] td {{ vertical-align: top !important; overflow-wrap: anywhere; }}
[data-testid="stAlert"] > div {{ background: {c['panel']} !important; color: {c['text']} !important; }}
[data-testid="stAlert"] p {{ color: {c['text']} !important; }}
[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stLayoutWrapper"] > div {{ border-color: {c['rule']} !important; }}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: 1.5rem 3rem 2rem !important; max-width: 100% !important; }}
</style>"""
