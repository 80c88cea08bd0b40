# Share the real-server fixtures of the client tests (clients/python/tests/server_fixtures.py).
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python" / "tests"))

from server_fixtures import *  # noqa: E402,F401,F403
