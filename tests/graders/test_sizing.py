"""Quantities and a project's quota computed from its architecture."""

from __future__ import annotations

import pytest

from graders import GradingError, sizing


@pytest.mark.parametrize("value, expected", [("250m", 250), ("0.5", 500), (2, 2000),
                                             ("1", 1000), ("0.1", 100), ("1500m", 1500)])
def test_millicores(value, expected):
    assert sizing.millicores(value) == expected


@pytest.mark.parametrize("value, expected", [("512Mi", 512), ("1Gi", 1024), ("1G", 954),
                                             ("256Mi", 256), (str(2**20), 1)])
def test_mebibytes(value, expected):
    assert sizing.mebibytes(value) == expected


def test_quota_counts_the_surge_of_a_rolling_update():
    architecture = {"composants": [
        {"nom": "web", "replicas": 2, "maxSurge": 1, "limits": {"cpu": "250m", "memory": "256Mi"}},
        {"nom": "db", "replicas": 1, "limits": {"cpu": "1", "memory": "1Gi"}},
    ]}
    assert sizing.quota_for(architecture) == {"cpu_m": 1750, "memory_mi": 1792}


@pytest.mark.parametrize("architecture", [
    {},
    {"composants": [{"nom": "x", "replicas": 1, "limits": {"cpu": "beaucoup", "memory": "1Gi"}}]},
    {"composants": [{"nom": "x", "replicas": "2", "limits": {"cpu": "1", "memory": "1Gi"}}]},
    {"composants": [{"nom": "x", "replicas": 1, "limits": {"memory": "1Gi"}}]},
])
def test_bad_architectures_are_refused_in_french(architecture):
    with pytest.raises(GradingError):
        sizing.quota_for(architecture)
