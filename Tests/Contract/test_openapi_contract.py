"""Schemathesis against the served OpenAPI document: reads with every check; writes with a real token, every check but positive-data acceptance
(a schema-valid state code can still be unknown, which the API rightly refuses)."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Browser"))
from conftest import Home, Server, prepare_record  # noqa: E402


def schemathesis(*arguments):
    executable = shutil.which("st") or shutil.which("schemathesis")
    assert executable, "install schemathesis from PyPI"
    return subprocess.run([executable, "run", *arguments], capture_output=True, text=True, timeout=900)


def test_served_document_matches_the_api():
    home = Home()
    try:
        prepare_record(home)
        token = home.run("tokens", "issue", "analyst").strip()
        server = Server(home)
        try:
            schema = server.base + "/api/v1/openapi.json"
            reads = schemathesis(schema, "--checks", "all", "-n", "25", "--generation-deterministic", "--exclude-checks", "ignored_auth",
                                 "--include-method", "GET")
            assert reads.returncode == 0, reads.stdout[-4000:]
            writes = schemathesis(schema, "--checks", "all", "--exclude-checks", "positive_data_acceptance,ignored_auth", "-n", "15",
                                  "--generation-deterministic", "--include-method", "POST", "-H", f"Authorization: Bearer {token}")
            assert writes.returncode == 0, writes.stdout[-4000:]
            verify = subprocess.run([*Home.binary(), "log", "verify"], env=home.env, capture_output=True, text=True)
            assert verify.returncode == 0, verify.stdout + verify.stderr
        finally:
            server.stop()
    finally:
        shutil.rmtree(home.path, ignore_errors=True)
