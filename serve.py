"""SwapWatch's server: the dashboard (app.py) with its data URLs (/api/…) beside it, in one process.

`streamlit run serve.py` (what `make run` does) finds the st.App below and serves both; `streamlit run
app.py` still serves the dashboard alone.
"""

import streamlit as st

from swapwatch.api import ROUTES

app = st.App("app.py", routes=ROUTES)
