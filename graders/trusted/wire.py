"""The wire format between the learner's kernel and the trusted executor: JSON with tags.

This module is used on both sides. The trusted executor imports it to encode the arguments
it chooses and to decode what comes back; it sends the same source *as text* inside a
`user_expressions` request, and the kernel evaluates it to turn one of the learner's values
into JSON (`fetch`) or to call one of the learner's functions (`call`). Nothing the kernel
returns is trusted: a tampered kernel can forge its own answer, never anything else, because
`decode` builds only plain values (and pandas/numpy containers of plain values) from JSON;
no object of the learner's (no `__eq__`, no `__bool__`) ever reaches the grader.
Tags: tuple, set, dict (non-text keys), float (nan/inf), date, datetime, time, timedelta,
ndarray, series, dataframe, index, na, nat, function, figure (a matplotlib figure sent as
its axes and the x/y values of their lines; the grader draws its own figure from them); and,
only as a direct argument of a call, client: the kernel's own Kubernetes client (its own
credentials, never the grader's), and pause: a `Pause`, a callable the grader chose, rebuilt
in the kernel (how many times the learner's function called it goes back with the result).
A file path crosses as its text (tag path; nothing is read).
"""

import datetime as _dt
import json as _json
import math as _math
import pathlib as _pathlib
import sys as _sys
import time as _time

_TAG = "$cpn"
_MAX_DEPTH = 50


class Untransmissible(TypeError):
    pass


class Pause:
    """A callable the grader gives a learner's function: each call waits `seconds`; `calls`
    counts the calls (made in the kernel, reported back to the grader)."""

    def __init__(self, seconds):
        self.seconds, self.calls = float(seconds), 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        _time.sleep(self.seconds)


def _pandas():
    return _sys.modules.get("pandas")


def _numpy():
    return _sys.modules.get("numpy")


def _frame(pd, value, depth):
    return {_TAG: "dataframe",
            "columns": [encode(c, depth) for c in value.columns],
            "dtypes": [str(t) for t in value.dtypes],
            "data": [[encode(x, depth) for x in value.iloc[:, i].tolist()]
                     for i in range(value.shape[1])],
            "index": encode(value.index, depth)}


def _figure(value, depth):
    module = _sys.modules.get("matplotlib.figure")
    if module is None or not isinstance(value, module.Figure):
        return None
    return {_TAG: "figure", "axes": [
        {"title": str(axes.get_title()),
         "lines": [encode([[float(x), float(y)] for x, y in line.get_xydata()], depth)
                   for line in axes.get_lines()]}
        for axes in value.get_axes()]}


def _special(value, depth):
    figure = _figure(value, depth)
    if figure is not None:
        return figure
    pd, np = _pandas(), _numpy()
    if pd is not None:
        if value is pd.NaT:
            return {_TAG: "nat"}
        if value is pd.NA:
            return {_TAG: "na"}
        if isinstance(value, pd.DataFrame):
            return _frame(pd, value, depth)
        if isinstance(value, pd.Series):
            return {_TAG: "series", "items": [encode(x, depth) for x in value.tolist()],
                    "index": encode(value.index, depth), "name": encode(value.name, depth),
                    "dtype": str(value.dtype)}
        if isinstance(value, pd.Index):
            return {_TAG: "index", "items": [encode(x, depth) for x in value.tolist()],
                    "names": [encode(n, depth) for n in value.names],
                    "dtype": str(value.dtype), "multi": isinstance(value, pd.MultiIndex)}
        if isinstance(value, pd.Timestamp):
            return {_TAG: "datetime", "iso": value.isoformat(), "pandas": True}
        if isinstance(value, pd.Timedelta):
            return {_TAG: "timedelta", "seconds": value.total_seconds(), "pandas": True}
    if np is not None:
        if isinstance(value, np.ndarray):
            return {_TAG: "ndarray", "items": encode(value.tolist(), depth),
                    "dtype": str(value.dtype)}
        if isinstance(value, np.generic):
            return encode(value.item(), depth)
    return None


def encode(value, depth=0):
    """A JSON-ready copy of `value`, or Untransmissible."""
    depth += 1
    if depth > _MAX_DEPTH:
        raise Untransmissible("structure trop profonde")
    if value is None or isinstance(value, bool):
        return None if value is None else bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        value = float(value)
        return value if _math.isfinite(value) else {_TAG: "float", "repr": repr(value)}
    if isinstance(value, str):
        return str(value)
    special = _special(value, depth)
    if special is not None:
        return special
    if isinstance(value, Pause):
        return {_TAG: "pause", "seconds": value.seconds}
    if isinstance(value, list):
        return [encode(v, depth) for v in value]
    if isinstance(value, tuple):
        return {_TAG: "tuple", "items": [encode(v, depth) for v in value]}
    if isinstance(value, set | frozenset):
        return {_TAG: "set", "items": [encode(v, depth) for v in value]}
    if isinstance(value, dict):
        if all(type(k) is str for k in value) and _TAG not in value:
            return {str(k): encode(v, depth) for k, v in value.items()}
        return {_TAG: "dict", "items": [[encode(k, depth), encode(v, depth)]
                                        for k, v in value.items()]}
    if isinstance(value, _pathlib.PurePath):
        return {_TAG: "path", "value": str(value)}
    if isinstance(value, _dt.datetime):
        return {_TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, _dt.date):
        return {_TAG: "date", "iso": value.isoformat()}
    if isinstance(value, _dt.time):
        return {_TAG: "time", "iso": value.isoformat()}
    if isinstance(value, _dt.timedelta):
        return {_TAG: "timedelta", "seconds": value.total_seconds()}
    if callable(value) and not isinstance(value, type):
        return {_TAG: "function"}
    raise Untransmissible(type(value).__name__)


def _reply(value, calls=None):
    try:
        return _json.dumps({"ok": encode(value)} if calls is None else
                           {"ok": encode(value), "calls": calls})
    except Untransmissible as error:
        return _json.dumps({"untransmissible": str(error)})


def fetch(value):
    return _reply(value)


def _pandas_value(tag, value):
    import pandas as pd

    if tag == "nat":
        return pd.NaT
    if tag == "na":
        return pd.NA
    if tag == "index":
        items = [decode(v) for v in value["items"]]
        names = [decode(n) for n in value["names"]]
        if value.get("multi"):
            return pd.MultiIndex.from_tuples(items, names=names)
        return _typed(pd.Index(items, name=names[0] if names else None), value["dtype"])
    index = decode(value["index"])
    if tag == "series":
        series = pd.Series([decode(v) for v in value["items"]], index=index,
                           name=decode(value["name"]))
        return _typed(series, value["dtype"])
    columns = [decode(c) for c in value["columns"]]
    frame = pd.DataFrame({i: [decode(v) for v in data] for i, data in enumerate(value["data"])},
                         index=index)
    frame.columns = pd.Index(columns) if columns else frame.columns
    for i, dtype in enumerate(value["dtypes"]):
        frame.isetitem(i, _typed(frame.iloc[:, i], dtype))
    return frame


def _drawn(value):
    """A figure of the grader's own, with the axes and lines the kernel described."""
    from matplotlib.figure import Figure

    figure, described = Figure(), value["axes"]
    for index, axes_data in enumerate(described):
        axes = figure.add_subplot(len(described), 1, index + 1)
        axes.set_title(str(axes_data["title"]))
        for points in axes_data["lines"]:
            points = decode(points)
            axes.plot([float(p[0]) for p in points], [float(p[1]) for p in points])
    return figure


def _typed(values, dtype: str):
    """Give back the kernel's dtype when it is a plain one; keep the inferred one otherwise."""
    try:
        return values.astype(dtype) if dtype != str(values.dtype) else values
    except (TypeError, ValueError):
        return values


_PANDAS_TAGS = ("nat", "na", "index", "series", "dataframe")


def decode(value):
    """Plain values back from the tagged JSON (lists, dicts, tuples, sets, dates, pandas)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        tag = value.get(_TAG)
        if tag in _PANDAS_TAGS:
            return _pandas_value(tag, value)
        if tag == "ndarray":
            import numpy as np

            return np.array(decode(value["items"]), dtype=value["dtype"])
        if tag == "datetime" and value.get("pandas"):
            import pandas as pd

            return pd.Timestamp(value["iso"])
        if tag == "timedelta" and value.get("pandas"):
            import pandas as pd

            return pd.Timedelta(seconds=value["seconds"])
        if tag == "function":
            raise Untransmissible("function")
        if tag == "figure":
            return _drawn(value)
        if tag == "tuple":
            return tuple(decode(v) for v in value["items"])
        if tag == "set":
            return {decode(v) for v in value["items"]}
        if tag == "dict":
            return {decode(k): decode(v) for k, v in value["items"]}
        if tag == "float":
            return float(value["repr"])
        if tag in ("date", "datetime", "time"):
            kind = {"date": _dt.date, "datetime": _dt.datetime, "time": _dt.time}[tag]
            return kind.fromisoformat(value["iso"])
        if tag == "path":
            return _pathlib.Path(str(value["value"]))
        if tag == "timedelta":
            return _dt.timedelta(seconds=value["seconds"])
        if tag is not None:
            raise Untransmissible(str(tag))
        return {k: decode(v) for k, v in value.items()}
    return value


KERNEL_CLIENT = {_TAG: "client"}


def _argument(value, clients):
    """A decoded argument; the client tag becomes a client with the kernel's credentials."""
    if isinstance(value, dict) and value.get(_TAG) == "client" and len(value) == 1:
        import sandbox

        clients.append(sandbox.api_client())
        return clients[-1]
    return decode(value)


def _pause(value, pauses):
    """A `Pause` rebuilt in the kernel from its tag (recorded in `pauses`), or None."""
    if isinstance(value, dict) and value.get(_TAG) == "pause" and set(value) == {
            _TAG, "seconds"}:
        pauses.append(Pause(value["seconds"]))
        return pauses[-1]
    return None


def _left(argument):
    """A list or dict argument as the function left it (it may have modified it), else None."""
    if not isinstance(argument, list | dict):
        return None
    try:
        return encode(argument)
    except Untransmissible:
        return None


def call(function, arguments):
    """Call the learner's function with the grader's arguments; the result as JSON."""
    raw_args, raw_kwargs = _json.loads(arguments)
    clients, pauses = [], []
    try:
        args = [_pause(a, pauses) or _argument(a, clients) for a in raw_args]
        kwargs = {str(k): _pause(v, pauses) or _argument(v, clients)
                  for k, v in raw_kwargs.items()}
        try:
            result = function(*args, **kwargs)
        except Exception as error:  # the learner's own exception, reported to the grader
            return _json.dumps({"raised": type(error).__name__, "message": str(error)[:2000]})
        reply = _json.loads(_reply(result, [p.calls for p in pauses] if pauses else None))
        reply["after"] = [_left(a) for a in args] + [_left(v) for v in kwargs.values()]
        return _json.dumps(reply)
    finally:
        for kernel_client in clients:
            kernel_client.close()
