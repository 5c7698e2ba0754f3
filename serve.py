"""SwapWatch's server: the dashboard (app.py) with its data URLs (/api/…) beside it, in one process.

`streamlit run serve.py` (what `make run` does) finds the st.App below and serves both; `streamlit run
app.py` still serves the dashboard alone. Each page's address (`/exchanges`) is answered by deeplinks, so a
deep link makes no requests that end in 404.
"""

import streamlit as st

from swapwatch import deeplinks
from swapwatch.api import ROUTES

app = st.App("app.py", routes=[*ROUTES, *deeplinks.routes()])
