"""Private: ``google.rpc`` Status and error details, compiled from the vendored
copies in ``clients/python/proto/chaincast/_rpc`` (same field numbers, package
renamed so they never clash with a real google.rpc installation). Used to read
the ``grpc-status-details-bin`` trailer without needing grpcio-status.
"""
