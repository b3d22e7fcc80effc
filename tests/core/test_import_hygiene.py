"""The core knows no framework: importing it loads no UI, web, HTTP or database code."""

import subprocess
import sys

FORBIDDEN = ("textual", "fastapi", "uvicorn", "httpx", "starlette", "sqlalchemy", "sqlmodel")


def test_core_imports_no_framework() -> None:
    probe = (
        "import pkgutil, importlib, sys, circle.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'circle.core.'):\n"
        "    importlib.import_module(info.name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
