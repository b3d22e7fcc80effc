"""Errors a user can fix; the command line prints their message and exits 2."""


class UserError(Exception):
    """A mistake in what the user asked for: an unknown circle, a bad file, a wrong name."""
