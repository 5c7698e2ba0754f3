"""The sign-in gate (a small Streamlit module, like ui.py): nothing else draws until the user has signed in.

The policy is swapwatch.auth's; this module only draws the sign-in screen, the account box and the
two scripts that carry a link across the sign-in round trip. Streamlit's callback always returns to
the home page, so the sign-in screen keeps the page and query it was opened with in the tab's
sessionStorage, and the first page drawn after signing in goes back there.
"""

from __future__ import annotations

import logging
import os

import streamlit as st

from swapwatch import auth
from swapwatch.text import md

_LOG = logging.getLogger(__name__)
_RETURN_KEY = "swapwatch:return-to"
_REMEMBER_LINK = f"""<script>
sessionStorage.setItem("{_RETURN_KEY}", window.location.pathname + window.location.search);
</script>"""
# Read once and forgotten. Followed only from a landing without a query (where the callback lands),
# only to a path on this origin, and only when it is not where we already are. The style keeps the
# element from taking room above the page.
_RETURN_TO_LINK = f"""<style>[data-testid="stElementContainer"]:has(.swapwatch-return) {{ display: none; }}</style>
<span class="swapwatch-return"></span><script>
(() => {{
  const saved = sessionStorage.getItem("{_RETURN_KEY}");
  sessionStorage.removeItem("{_RETURN_KEY}");
  if (!saved || window.location.search) return;
  const target = new URL(saved, window.location.origin);
  const here = window.location.pathname + window.location.search;
  if (target.origin === window.location.origin && target.pathname + target.search !== here) {{
    window.location.replace(target.pathname + target.search);
  }}
}})();
</script>"""


def policy() -> auth.SignIn:
    """This server's sign-in policy, from $SWAPWATCH_AUTH and the secrets' [auth] section."""
    section = st.secrets.get("auth") if st.secrets.load_if_toml_exists() else None
    return auth.sign_in(os.environ.get("SWAPWATCH_AUTH"), section)


def require_sign_in() -> None:
    """Stop the run at the sign-in screen unless sign-in is off or this user has signed in."""
    rule = policy()
    if not rule.required:
        return
    if rule.problems:
        _LOG.error("Sign-in is required but not set up: %s", "; ".join(rule.problems))
        st.title("SwapWatch")
        st.error("Sign-in is required, but it is not set up on this server, so the dashboard stays closed. "
                 "The administrator should check:\n\n" + "\n".join(f"- {md(p)}" for p in rule.problems))
        st.stop()
    if st.user.get("is_logged_in"):
        _return_to_link_once()
        return
    st.title("SwapWatch")
    st.write("Sign in to see the dashboard.")
    if st.button("Sign in", type="primary"):
        st.login()
    st.html(_REMEMBER_LINK, unsafe_allow_javascript=True)
    st.stop()


def _return_to_link_once() -> None:
    # Streamlit's callback lands on the home page without a query: the link the sign-in began from
    # is in the tab's sessionStorage. Later runs of the session have nothing to restore.
    if not st.session_state.get("_signin_checked"):
        st.session_state["_signin_checked"] = True
        st.html(_RETURN_TO_LINK, unsafe_allow_javascript=True)


def account(place) -> None:
    """Who is signed in, and a Sign out button, in place (nothing when sign-in is off)."""
    if not policy().required or not st.user.get("is_logged_in"):
        return
    with place.container():
        who = st.user.get("name") or st.user.get("email") or "you"
        st.caption(f"Signed in as {md(who)}")
        if st.button("Sign out", key="sign-out"):
            st.logout()  # the browser goes to Streamlit's /auth/logout: draw nothing more
            st.stop()
