"""Whether the dashboard requires sign-in, and whether its sign-in settings are complete (no Streamlit here).

Sign-in is Streamlit's OpenID Connect support (`st.login`), configured in the `[auth]` section of
the secrets. `SWAPWATCH_AUTH` chooses: `auto` (the default) requires sign-in when `[auth]` exists,
`required` always requires it (and keeps the dashboard closed while the settings are incomplete),
`off` never does.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass

MODES = ("auto", "required", "off")
SETTINGS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
MIN_COOKIE_SECRET = 32
CALLBACK_PATH = "/oauth2callback"


@dataclass(frozen=True)
class SignIn:
    """The sign-in policy of this server: required or not, and what is wrong with its settings, if anything."""

    required: bool
    problems: tuple[str, ...] = ()


def sign_in(mode: str | None, auth: Mapping | None, authlib_installed: bool | None = None) -> SignIn:
    """The policy for SWAPWATCH_AUTH=mode and the secrets' [auth] section (None when there is none)."""
    mode = (mode or "").strip().lower() or "auto"
    if mode not in MODES:
        return SignIn(True, (f"SWAPWATCH_AUTH must be one of {', '.join(MODES)}, not {mode[:40]!r}",))
    if mode == "off" or (mode == "auto" and auth is None):
        return SignIn(False)
    if authlib_installed is None:
        authlib_installed = importlib.util.find_spec("authlib") is not None
    problems = list(setting_problems(auth or {}))
    if not authlib_installed:
        problems.append("Authlib is not installed (pip install -r requirements.txt)")
    return SignIn(True, tuple(problems))


def setting_problems(auth: Mapping) -> list[str]:
    """What is missing or wrong in an [auth] section, naming settings but never showing their values."""
    if not isinstance(auth, Mapping):
        return ["[auth] in the secrets must be a table"]
    missing = [key for key in SETTINGS if not str(auth.get(key) or "").strip()]
    problems = [f"[auth] lacks {', '.join(missing)}"] if missing else []
    redirect = str(auth.get("redirect_uri") or "")
    if redirect and not (redirect.startswith(("http://", "https://")) and redirect.endswith(CALLBACK_PATH)):
        problems.append(f"[auth] redirect_uri must be the dashboard's absolute URL ending in {CALLBACK_PATH}")
    metadata = str(auth.get("server_metadata_url") or "")
    if metadata and not metadata.startswith(("http://", "https://")):
        problems.append("[auth] server_metadata_url must be an absolute http(s) URL")
    secret = str(auth.get("cookie_secret") or "")
    if secret and len(secret) < MIN_COOKIE_SECRET:
        problems.append(f"[auth] cookie_secret must be at least {MIN_COOKIE_SECRET} characters of random text")
    return problems
