"""Running a session against the replica: load it, record each change, find one left unfinished.

The screen-side logic is pure (`circle.core.running`); this package is the part
that blocks on the database, so the console calls it from worker threads.
"""
