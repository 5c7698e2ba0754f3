"""A tiny OpenID Connect provider for the sign-in tests, on 127.0.0.1 and a free port.

It does just what a real provider does for Streamlit's `st.login`: a discovery document, an
authorize endpoint that approves one test user at once (no form), a token endpoint that checks the
client, the code, the redirect URI and PKCE and issues an RS256-signed id_token, the JWKS to check
it with, and userinfo. Keys, codes and tokens live in memory; `stop()` ends the thread.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

TEST_USER = {"sub": "analyst-1", "name": "Test Analyst", "email": "analyst@example.org", "email_verified": True}


class OIDCProvider:
    """One client (client_id, client_secret) whose redirect URIs are in `redirect_uris`."""

    def __init__(self, client_id: str = "swapwatch", client_secret: str = "test-secret", user: dict = TEST_USER):
        self.client_id, self.client_secret, self.user = client_id, client_secret, dict(user)
        self.redirect_uris: set[str] = set()
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"},
                                       private=True)
        self.codes: dict[str, dict] = {}  # code -> what the authorize request asked for
        self.access_tokens: set[str] = set()
        self.sign_ins = 0  # codes exchanged for tokens
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.metadata_url = f"{self.url}/.well-known/openid-configuration"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def secrets(self, redirect_uri: str, cookie_secret: str = "test-cookie-secret-0123456789abcdef0123456789") -> str:
        """The [auth] section of a dashboard's secrets that signs in through this provider."""
        return f"""[auth]
redirect_uri = "{redirect_uri}"
cookie_secret = "{cookie_secret}"
client_id = "{self.client_id}"
client_secret = "{self.client_secret}"
server_metadata_url = "{self.metadata_url}"
"""

    def metadata(self) -> dict:
        return {
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
            "userinfo_endpoint": f"{self.url}/userinfo", "response_types_supported": ["code"],
            "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"], "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, str]:
        """Approve the test user: a redirect to the client with a one-time code (or an error status)."""
        if query.get("client_id") != self.client_id or query.get("redirect_uri") not in self.redirect_uris:
            return 400, "unknown client or redirect_uri"
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return 400, "only the code flow with scope openid"
        code = secrets.token_urlsafe(24)
        self.codes[code] = query
        answer = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        return 302, f"{query['redirect_uri']}?{urlencode(answer)}"

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict]:
        """Exchange a code for tokens, checking the client, the redirect URI and the PKCE verifier."""
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = map(unquote, base64.b64decode(authorization[6:]).decode().partition(":"))
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        asked = self.codes.pop(form.get("code", ""), None)  # a code works once
        if form.get("grant_type") != "authorization_code" or asked is None \
                or form.get("redirect_uri") != asked["redirect_uri"] or not _pkce_ok(asked, form):
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {**self.user, "iss": self.url, "aud": self.client_id, "iat": now, "exp": now + 3600,
                  **({"nonce": asked["nonce"]} if "nonce" in asked else {})}
        access_token = secrets.token_urlsafe(24)
        self.access_tokens.add(access_token)
        self.sign_ins += 1
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 3600,
                     "scope": asked["scope"], "id_token": id_token}


def _pkce_ok(asked: dict[str, str], form: dict[str, str]) -> bool:
    if "code_challenge" not in asked:
        return True
    verifier = form.get("code_verifier", "").encode()
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
    return asked.get("code_challenge_method") == "S256" and digest == asked["code_challenge"]


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server naming)
            url = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.metadata())
            elif url.path == "/jwks":
                self._json(200, {"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                status, where = provider.authorize(query)
                self.send_response(status)
                self.send_header("Location" if status == 302 else "X-Error", where)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif url.path == "/userinfo":
                bearer = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                self._json(*((200, provider.user) if bearer in provider.access_tokens else (401, {})))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self):  # noqa: N802
            if urlparse(self.path).path != "/token":
                return self._json(404, {"error": "not_found"})
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            form = {k: v[-1] for k, v in parse_qs(body).items()}
            self._json(*provider.token(form, self.headers.get("Authorization")))

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler


if __name__ == "__main__":
    # Try sign-in by hand: `.venv/bin/python -m tests.oidc_provider [PORT]`, then start the dashboard as printed.
    import sys
    import tempfile

    dashboard = f"http://localhost:{sys.argv[1] if len(sys.argv) > 1 else 8501}"
    provider = OIDCProvider()
    provider.redirect_uris.add(f"{dashboard}/oauth2callback")
    with tempfile.NamedTemporaryFile("w", suffix=".toml", prefix="swapwatch-secrets-", delete=False) as file:
        file.write(f'[auth]\nredirect_uri = "{dashboard}/oauth2callback"\ncookie_secret = "{secrets.token_hex(32)}"\n'
                   f'client_id = "{provider.client_id}"\nclient_secret = "{provider.client_secret}"\n'
                   f'server_metadata_url = "{provider.metadata_url}"\n')
    print(f"Test provider on {provider.url}, signing in as {provider.user['name']}. In another terminal:\n"
          f"  SWAPWATCH_AUTH=required .venv/bin/streamlit run app.py --server.port {dashboard.rsplit(':', 1)[1]} "
          f"--secrets.files {file.name}\nCtrl-C stops the provider.")
    try:
        provider.thread.join()
    except KeyboardInterrupt:
        provider.stop()
