"""Logs: CRI lines, JSON lines, counts, error rates, the reference JSON format (pure logic)."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from graders import GradingError, logs


def test_cri_lines_give_the_message():
    assert logs.parse_cri("2026-12-08T10:00:00.480000000Z stderr F a b c\n") == (
        "2026-12-08T10:00:00.480000000Z", "stderr", "a b c")
    with pytest.raises(GradingError, match="illisible"):
        logs.parse_cri("n'importe quoi")


def test_json_lines_count_what_is_not_an_object():
    text = '{"level": "info"}\nTraceback (most recent call last):\n\n[1, 2]\n{"level": "error"}\n'
    records, ignored = logs.json_lines(text)
    assert records == [{"level": "info"}, {"level": "error"}] and ignored == 2


def test_counts_and_error_rates():
    records = [
        {"time": "2026-12-08T10:01:00.000Z", "service": "api", "level": "info", "status": 200},
        {"time": "2026-12-08T10:04:59.999Z", "service": "api", "level": "error", "status": 503},
        {"time": "2026-12-08T10:05:00.000Z", "service": "api", "level": "warning", "status": 409},
        {"time": "2026-12-08T10:06:00.000Z", "service": "api", "level": "error"},
        {"time": "2026-12-08T10:07:00.000Z", "service": "web", "level": "info", "status": 200},
    ]
    assert logs.level_counts(records) == {"api": {"error": 2, "info": 1, "warning": 1},
                                          "web": {"info": 1}}
    assert logs.error_rates(records) == {"10:00": 0.5, "10:05": 0.0}
    assert logs.window_of("2026-12-08T11:59:00+01:00", 15) == "10:45"


def test_reference_json_format():
    try:
        raise TimeoutError("délai")
    except TimeoutError:
        exc = sys.exc_info()
    record = logging.LogRecord("rdv", logging.WARNING, "x.py", 1, "créneau %s pris", ("9h",), exc)
    record.created = 1796724003.7654
    record.champs = {"status": 409}
    data = logs.json_format(record, "rdv-api")
    assert data["time"].endswith(".765Z") and data["level"] == "warning"
    assert data["message"] == "créneau 9h pris" and data["status"] == 409
    assert "TimeoutError: délai" in data["exception"]
    json.dumps(data)


def test_pod_names_lead_to_their_deployment():
    assert logs.owner_deployment("rdv-export-7cd496d49d-2brbb") == "rdv-export"


def test_a_log_record_described_by_data_is_the_same_in_every_process():
    """The grader describes records as data; the kernel builds them with `log_record`: the
    exception's traceback names no file of the machine, so both sides format it alike."""
    case = {"niveau": logging.ERROR, "message": "envoi %s impossible", "arguments": ["SMS"],
            "champs": {"canal": "sms"}, "exception": "pas de réponse en 3 s"}
    line = logs.json_format(logs.log_record(case), "rdv-api")
    assert line["message"] == "envoi SMS impossible" and line["canal"] == "sms"
    assert line["exception"] == ('Traceback (most recent call last):\n'
                                 '  File "<rdv/api.py>", line 2, in envoyer_sms\n'
                                 'TimeoutError: pas de réponse en 3 s')
    assert line["time"] == "2026-12-08T10:00:03.765Z"
    assert "exception" not in logs.json_format(logs.log_record({**case, "exception": None}), "x")
