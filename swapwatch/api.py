"""The data URLs, served beside the dashboard (Starlette routes that serve.py hands to st.App).

`/api/<table>.csv` and `/api/<table>.json` for every table of `python -m swapwatch export`, with the
dashboard's link parameters as filters, the same bytes as the export command, a page of at most
MAX_ROWS rows at a time (the next page's URL in a `Link: <…>; rel="next"` header, `_next` in it, as
Datasette pages), and behind the dashboard's sign-in when that is on.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from swapwatch import exports
from swapwatch.dataurls import BadQuery, parse
from swapwatch.catalog import TABLES, table_frame

FORMATS = ("csv", "json")
MAX_ROWS = 1000  # rows in one response; ?_size= asks for fewer
USER_COOKIE = "_streamlit_user"  # Streamlit's signed identity cookie, set by st.login's callback


def table(request: Request) -> Response:
    """One page of a table, as CSV or JSON, under the filters in the query."""
    refused = _refused(request)
    if refused is not None:
        return refused
    name, _, fmt = request.path_params["name"].rpartition(".")
    if name not in TABLES or fmt not in FORMATS:
        return _error(404, f"no data URL /api/{request.path_params['name'][:60]}; the tables are "
                           f"{', '.join(sorted(TABLES))}, each as .csv or .json")
    from swapwatch import ui  # the dashboard's store: the data as the pages show it

    db = ui.database()
    countries = db.run("filter_options")
    try:
        query = parse(list(request.query_params.multi_items()), dict(zip(countries["code"], countries["name"])),
                      lambda filters: db.run("quote_facets", **filters.params(), top=None))
        size = _number(request, "_size", MAX_ROWS, 1, MAX_ROWS)
        start = _number(request, "_next", 0, 0, None)
    except BadQuery as problem:
        return _error(400, str(problem))
    frame = table_frame(db, name, query.filters, **query.options)
    headers = {"X-Total-Count": str(len(frame)), "Cache-Control": "no-store"}
    if start + size < len(frame):
        headers["Link"] = f'<{request.url.include_query_params(_next=start + size)}>; rel="next"'
    body = exports.export(frame.iloc[start:start + size], fmt, sheet=name, table=name)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return Response(body, media_type=media, headers=headers)


def unknown(request: Request) -> Response:
    """Anything else under /api: not found (and, with sign-in on, nothing at all before signing in)."""
    refused = _refused(request)
    if refused is not None:
        return refused
    return _error(404, f"no data URL {request.url.path[:80]}; the tables are {', '.join(sorted(TABLES))}, "
                       "each as .csv or .json")


def _number(request: Request, key: str, default: int, least: int, most: int | None) -> int:
    value = request.query_params.get(key)
    if value is None:
        return default
    if not value.isdigit() or int(value) < least or (most is not None and int(value) > most):
        raise BadQuery(f"{key}: a whole number from {least}" + (f" to {most}" if most else ""))
    return int(value)


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers={"Cache-Control": "no-store"})


def _refused(request: Request) -> Response | None:
    """None when the request may have data: sign-in is off, or its identity cookie is Streamlit's own."""
    from swapwatch import gate

    rule = gate.policy()
    if not rule.required:
        return None
    if rule.problems:
        return _error(503, "sign-in is required but not set up on this server; see the dashboard's page")
    if signed_in(request):
        return None
    return _error(401, "sign in to the dashboard first (open it in a browser); the data URLs then answer "
                       "with the same browser's cookies")


def signed_in(request: Request) -> bool:
    """Whether the request carries an identity cookie that this server signed after an st.login, for this origin."""
    from streamlit.auth_util import get_cookie_with_chunks, get_origin_from_redirect_uri
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

    secret = get_cookie_secret()

    def cookie(name: str) -> bytes | None:
        value = request.cookies.get(name)
        return decode_signed_value(secret, name, value.encode("latin-1")) if value else None

    try:
        payload = json.loads(get_cookie_with_chunks(cookie, USER_COOKIE) or b"{}")
    except (ValueError, UnicodeError):
        return False
    return (isinstance(payload, dict) and payload.get("is_logged_in") is True
            and payload.get("origin") == get_origin_from_redirect_uri())


ROUTES = [Route("/api/{name}", table, methods=["GET"]), Route("/api/{rest:path}", unknown, methods=["GET"])]
