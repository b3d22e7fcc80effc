"""The rules of a circle: pure functions and small classes, no I/O, time passed in."""
