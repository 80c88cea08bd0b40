# The server fixtures live in server_fixtures.py so the notebook tests can share them.
from server_fixtures import *  # noqa: F401,F403
