"""`newsgraph serve` as a user runs it: a real process, a real port, a real SQLite file."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from newsgraph.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_its_address_and_answers(tmp_path):
    port = _free_port()
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        assert line == f"newsgraph: serving {db} at http://127.0.0.1:{port} (Ctrl-C to stop)\n"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=5) as r:
                    assert (r.status, json.load(r)) == (200, [])
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        _, err = proc.communicate(timeout=30)
    assert (proc.returncode, err) == (0, "")  # Ctrl-C is the normal way to stop: a clean exit


def test_serve_refuses_a_busy_port_in_one_line(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--port", str(port)]) == 2
    assert capsys.readouterr().err == (
        f"newsgraph: cannot serve at 127.0.0.1:{port}: the port is in use; valid: a free --port\n")


@pytest.mark.parametrize("args, error", [
    (["--db", "mysql://x/y"],
     "newsgraph: database URL 'mysql://x/y' is not supported; valid: sqlite:///PATH or "
     "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE\n"),
    (["--port", "70000"], "newsgraph: --port 70000 is not valid; valid: 1-65535\n"),
])
def test_serve_refuses_bad_options_in_one_line(tmp_path, capsys, args, error):
    if "--db" not in args:
        args = [*args, "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    assert main(["serve", *args]) == 2
    assert capsys.readouterr().err == error
