"""Arguments the grader chooses for a learner's function, carried to a real kernel.

A grader-chosen callable (`wire.Pause`) is rebuilt in the kernel and the number of calls the
learner's function made comes back to the grader. The tag is not accepted coming back.
"""

from __future__ import annotations

import json
import time

import pytest
from jupyter_client.manager import start_new_kernel

from graders.trusted import wire
from graders.trusted.bridge import KernelBridge


@pytest.fixture(scope="module")
def bridge():
    manager, kernel = start_new_kernel(kernel_name="python3")
    kernel.execute_interactive(
        "def mesurer(appel, n):\n"
        "    import time\n"
        "    faites = []\n"
        "    for _ in range(n):\n"
        "        t0 = time.perf_counter()\n"
        "        appel()\n"
        "        faites.append((time.perf_counter() - t0) * 1000)\n"
        "    return faites\n"
        "def paresseux(appel, n):\n"
        "    return [3.0] * n\n", timeout=60)
    opened = KernelBridge(manager.get_connection_info(session=False), manager.interrupt_kernel)
    yield opened
    opened.close()
    kernel.stop_channels()
    manager.shutdown_kernel(now=True)


def test_a_pause_is_called_in_the_kernel_and_its_calls_come_back(bridge):
    pause = wire.Pause(0.002)
    started = time.monotonic()
    latencies = bridge.value("mesurer")(pause, 7)
    elapsed_ms = (time.monotonic() - started) * 1000
    assert pause.calls == 7
    assert len(latencies) == 7 and all(x >= 2.0 for x in latencies)
    assert sum(latencies) <= elapsed_ms


def test_a_function_that_never_calls_the_pause_is_seen(bridge):
    pause = wire.Pause(0.002)
    assert bridge.value("paresseux")(pause, 5) == [3.0] * 5
    assert pause.calls == 0


def test_a_pause_tag_does_not_come_back_from_the_kernel():
    with pytest.raises(wire.Untransmissible):
        wire.decode([{"$cpn": "pause", "seconds": 1}])
    assert json.loads(json.dumps(wire.encode([wire.Pause(0.5)]))) == [
        {"$cpn": "pause", "seconds": 0.5}]
