"""The console's screens: home, setup, live session, summary."""
