"""The console's widgets: each shows one thing and posts messages up."""
