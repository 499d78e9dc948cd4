"""The pinned versions of the light sandbox, in one place.

The Go modules in `sandbox/tools/` require the same versions (a test keeps them in step),
and the binary cache is keyed by them: changing a version here builds or downloads that
component again, and only that one.
"""

from __future__ import annotations

KUBERNETES = "v1.36.3"
ETCD = "v3.6.10"
KWOK = "v0.8.0"

# Fallbacks tried, in order, when a pinned Kubernetes release does not build (see the note
# of the foundation issue for what was tried).
KUBERNETES_FALLBACKS = ("v1.37.2", "v1.34.4")
