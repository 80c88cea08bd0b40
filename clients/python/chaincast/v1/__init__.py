"""Generated stubs of the ``chaincast.v1`` API (``proto/chaincast/v1``).

Do not edit the ``*_pb2*.py`` files: regenerate them with
``clients/python/tools/generate_stubs.py`` (a test fails when they differ
from what ``proto/`` generates).
"""
