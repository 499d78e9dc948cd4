"""The trusted executor's only channel to the learner's kernel: a small, fixed request.

A learner's value is read with one `user_expressions` request that evaluates the wire
encoder (graders.trusted.wire, sent as text) on one name; a learner's function is called the
same way, with arguments the grader chose, under a time limit (the kernel is interrupted when
it runs over). What comes back is JSON, decoded by `wire.decode` into plain values; anything
else ("valeur non transmissible", a missing name, a kernel that does not answer) becomes a
French failure of the graded cell. `user_expressions` are evaluated with `eval`, not run as
a cell: IPython's input transformers and `pre_run_cell` hooks are not involved, and even when
the kernel is tampered with, it can only forge its own answer.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import json
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

from jupyter_client import AsyncKernelClient

from ..errors import GradingError
from . import wire

WIRE_SOURCE = Path(wire.__file__).read_text(encoding="utf-8")
MAX_REPLY = 20_000_000  # characters of JSON accepted for one value


class AnswerUnavailable(GradingError):
    """The learner's answer could not be read from the kernel: the exercise is not graded."""


class LearnerFunctionError(Exception):
    """The learner's function raised an exception that is not a built-in one."""


class KernelBridge:
    """Reads values from and calls functions in one running kernel."""

    def __init__(self, connection_info: dict, interrupt: Callable[[], None],
                 fetch_timeout: float = 30, call_timeout: float = 60) -> None:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="cpn-bridge", daemon=True).start()
        self.client = AsyncKernelClient()
        self.client.load_connection_info(connection_info)
        self._run(self._start())
        self.interrupt = interrupt
        self.fetch_timeout, self.call_timeout = fetch_timeout, call_timeout

    async def _start(self) -> None:
        self.client.start_channels(iopub=False, stdin=False, hb=False, control=False)

    async def _stop(self) -> None:
        self.client.stop_channels()

    async def _send(self, expression: str) -> str:
        return self.client.execute("", silent=True, store_history=False,
                                   user_expressions={"v": expression})

    def _run(self, coroutine):
        """Run a coroutine on the bridge's own loop (its own thread), whatever the caller."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _get(self, timeout: float) -> dict:
        return self._run(self.client.get_shell_msg(timeout=timeout))

    def close(self) -> None:
        self._run(self._stop())
        self._loop.call_soon_threadsafe(self._loop.stop)

    def value(self, name: str) -> object:
        """The learner's value bound to `name`: plain data, or a proxy for a function."""
        reply = self._evaluate(name, f'g["fetch"]({_identifier(name)})', self.fetch_timeout)
        if "untransmissible" in reply:
            raise AnswerUnavailable(
                f"« {name} » : valeur non transmissible au correcteur "
                f"(objet de type {reply['untransmissible']}).",
                "Donnez une valeur simple : nombre, texte, liste, dictionnaire, tuple, "
                "ensemble, date, DataFrame ou Series pandas.")
        encoded = reply.get("ok")
        if isinstance(encoded, dict) and encoded.get("$cpn") == "function":
            return LearnerFunction(self, name)
        return _decoded(encoded, name)

    def call(self, name: str, args: tuple, kwargs: dict) -> object:
        arguments = json.dumps([wire.encode(list(args)), wire.encode(kwargs)])
        reply = self._evaluate(name, f'g["call"]({_identifier(name)}, {arguments!r})',
                               self.call_timeout)
        if "raised" in reply:
            kind = getattr(builtins, str(reply["raised"]), None)
            message = str(reply.get("message", ""))
            if isinstance(kind, type) and issubclass(kind, Exception):
                raise kind(message)
            raise LearnerFunctionError(f"{reply['raised']}: {message}")
        if "arguments" in reply:
            changed(args, kwargs, _decoded(reply["arguments"], name))
        if "untransmissible" in reply:
            raise AnswerUnavailable(
                f"Le résultat de « {name} » n'est pas une valeur simple "
                f"(objet de type {reply['untransmissible']}).",
                "Renvoyez un nombre, un texte, une liste, un dictionnaire ou un DataFrame.")
        return _decoded(reply.get("ok"), name)

    def _evaluate(self, name: str, call: str, timeout: float) -> dict:
        expression = f"(lambda g={{}}: (exec({WIRE_SOURCE!r}, g), {call})[1])()"
        msg_id = self._run(self._send(expression))
        content = self._reply(msg_id, timeout, name)
        result = (content.get("user_expressions") or {}).get("v") or {}
        if result.get("status") != "ok":
            missing = result.get("ename") == "NameError"
            raise AnswerUnavailable(
                f"« {name} » n'est pas défini dans votre carnet." if missing else
                f"« {name} » n'a pas pu être lu : {result.get('ename')}: "
                f"{str(result.get('evalue'))[:300]}",
                "Exécutez la cellule de réponse qui le définit, sans erreur.")
        return _parse((result.get("data") or {}).get("text/plain", ""), name)

    def _reply(self, msg_id: str, timeout: float, name: str) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.interrupt()
                self._drain(msg_id)
                raise AnswerUnavailable(
                    f"« {name} » n'a pas répondu en {timeout:.0f} s.",
                    "Votre code boucle-t-il sans fin, ou attend-il quelque chose ?")
            try:
                message = self._get(left)
            except queue.Empty:
                continue
            if message.get("parent_header", {}).get("msg_id") == msg_id:
                return message.get("content") or {}

    def _drain(self, msg_id: str, grace: float = 10) -> None:
        """After an interrupt, wait (briefly) for the reply so the channel stays in step."""
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            try:
                message = self._get(max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                return
            if message.get("parent_header", {}).get("msg_id") == msg_id:
                return


class LearnerFunction:
    """Stands for a learner's function: each call runs in the kernel, the result comes back
    as plain data."""

    def __init__(self, bridge: KernelBridge, name: str) -> None:
        self._bridge, self.__name__ = bridge, name

    def __call__(self, *args, **kwargs):
        return self._bridge.call(self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<fonction {self.__name__} de l'apprenant>"


def changed(args: tuple, kwargs: dict, after: object) -> None:
    """Do to the grader's arguments what the learner's function did to its copies in the
    kernel (a list, dict or set modified in place), so that a check can see it."""
    if not (isinstance(after, list) and len(after) == 2 and isinstance(after[0], list)
            and isinstance(after[1], dict)):
        return
    pairs = [*zip(args, after[0], strict=False),  # the kernel may send any length
             *((kwargs[k], after[1].get(k)) for k in kwargs)]
    for old, new in pairs:
        if isinstance(old, list) and isinstance(new, list):
            old[:] = new
        elif isinstance(old, dict | set) and type(new) is type(old):
            old.clear()
            old.update(new)


def _decoded(encoded: object, name: str) -> object:
    try:
        return wire.decode(encoded)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise AnswerUnavailable(
            f"« {name} » : valeur non transmissible au correcteur ({error}).",
            "Donnez une valeur simple : nombre, texte, liste, dictionnaire, tuple, ensemble, "
            "date, DataFrame ou Series pandas (sans fonction ni objet à l'intérieur).") from None


def _identifier(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"not an identifier: {name!r}")
    return name


def _parse(text: str, name: str) -> dict:
    try:
        raw = ast.literal_eval(text) if len(text) <= MAX_REPLY else None
        reply = json.loads(raw) if isinstance(raw, str) else None
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        reply = None
    if not isinstance(reply, dict):
        raise AnswerUnavailable(f"« {name} » : réponse illisible du noyau.",
                                "Relancez le carnet du début, sans modifier IPython.")
    return reply
