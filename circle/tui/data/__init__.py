"""What the console's screens show, read from the replica.

Each module holds plain dataclasses (importable on the way to the first frame)
and loader functions that import the database layer only when called, from a
thread worker.
"""
