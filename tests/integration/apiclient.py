"""The API client the integration tests' python parts share: calls, checks and races.

Scripts run it as `PYTHONPATH=tests/integration python3 - <<EOF` with BASE exported.
"""
import json
import os
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE = os.environ["BASE"]


def call(tok, method, path, body=None):
    """(status, parsed JSON body or None) of one request as the token's owner."""
    data = json.dumps(body).encode() if body is not None else None
    rq = urllib.request.Request(BASE + path, data=data, method=method)
    if tok:
        rq.add_header("Authorization", "Bearer " + tok)
    if data is not None:
        rq.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(rq, timeout=60) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        return e.code, json.loads(raw) if raw else None


def must(st, want, what, body=None):
    assert st == want, "%s: HTTP %s, expected %s: %s" % (what, st, want, body)


def race(*calls):
    """Runs the calls (argument tuples of call) at the same moment; their results in order."""
    gate = threading.Barrier(len(calls))

    def run(c):
        gate.wait()
        return call(*c)

    with ThreadPoolExecutor(len(calls)) as ex:
        return list(ex.map(run, calls))
