"""A dashboard session over Streamlit's websocket, as a browser tab would hold it.

It speaks the same protocol as the browser (protobuf BackMsg / ForwardMsg on `/_stcore/stream`):
it opens the overview, then changes the sidebar filters by sending widget states, and reads back
what the script drew — the metrics, any error or exception element and the URL the page asked for.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

# ScriptFinishedStatus: a run that stopped early because another run replaced it (a page switch
# or a newer rerun) is followed by the run that counts.
FINISHED_EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
FILTER_WIDGETS = {"country", "role", "kind", "status", "person"}


@dataclass
class Run:
    """What one script run drew."""
    metrics: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    query_string: str | None = None
    seconds: float = 0.0


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]


class Session:
    """One open dashboard tab on `base_url` (http://localhost:PORT)."""

    def __init__(self, base_url: str, timeout: float = 60, cookie: str | None = None):
        self.timeout = timeout
        ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self._exit = ExitStack()
        headers = {"Cookie": cookie} if cookie else None  # what the page's first response set (a proxy's route)
        self.ws = self._exit.enter_context(connect(ws_url, subprotocols=["streamlit"], origin=base_url,
                                                   max_size=None, open_timeout=timeout,
                                                   additional_headers=headers))
        self.widgets: dict[str, Widget] = {}
        self.values: dict[str, object] = {}
        self.page_hash = ""
        # What the page asked the browser to rerun by itself: (seconds, fragment id) of st.fragment(run_every=…).
        self.auto_rerun: tuple[float, str] | None = None

    def open(self, query_string: str = "", page_name: str = "") -> Run:
        """Load a page as a freshly opened link would."""
        message = BackMsg()
        message.rerun_script.query_string = query_string
        message.rerun_script.page_name = page_name
        message.rerun_script.context_info.timezone = "UTC"
        return self._send(message)

    def set_filters(self, **values) -> Run:
        """Change sidebar filters (by URL key: country, role, kind, status, person) and rerun."""
        unknown = set(values) - FILTER_WIDGETS
        if unknown:
            raise ValueError(f"not a filter widget: {sorted(unknown)}")
        self.values.update(values)
        return self._send(self._rerun_message())

    def rerun_fragment(self) -> Run:
        """What the browser sends when the page's auto-rerunning fragment is due (st.fragment(run_every=…))."""
        if self.auto_rerun is None:
            raise ValueError("the page asked for no auto-rerun")
        message = self._rerun_message()
        message.rerun_script.fragment_id = self.auto_rerun[1]
        message.rerun_script.is_auto_rerun = True
        return self._send(message)

    def _rerun_message(self) -> BackMsg:
        """A rerun of the current page with the widget values set so far (the browser sends them all)."""
        message = BackMsg()
        message.rerun_script.page_script_hash = self.page_hash
        message.rerun_script.context_info.timezone = "UTC"
        for key, value in self.values.items():
            widget = self.widgets[key]
            state = message.rerun_script.widget_states.widgets.add()
            state.id = widget.id
            if isinstance(value, (list, tuple)):
                state.string_array_value.data.extend(value)
            else:
                state.string_value = value
        return message

    def close(self) -> None:
        self._exit.close()

    def _send(self, message: BackMsg) -> Run:
        started = time.monotonic()
        self.ws.send(message.SerializeToString())
        run = Run()
        deadline = started + self.timeout
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = forward.new_session.page_script_hash
                run = Run()
            elif kind == "auto_rerun":
                self.auto_rerun = (forward.auto_rerun.interval, forward.auto_rerun.fragment_id)
            elif kind == "page_info_changed":
                run.query_string = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._read_element(forward.delta.new_element, run)
            elif kind == "script_finished" and forward.script_finished != FINISHED_EARLY_FOR_RERUN:
                run.seconds = time.monotonic() - started
                return run

    def _read_element(self, element, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "metric":
            run.metrics[element.metric.label] = element.metric.body
        elif kind == "exception":
            run.errors.append(f"exception: {element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == element.alert.ERROR:
            run.errors.append(f"error: {element.alert.body}")
        elif kind in ("multiselect", "selectbox", "text_input"):
            widget = getattr(element, kind)
            if widget.query_param_key in FILTER_WIDGETS:
                options = list(getattr(widget, "options", []))
                self.widgets[widget.query_param_key] = Widget(widget.id, kind, options)
