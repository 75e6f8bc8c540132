"""Shared by the embed scripts: write a generated Swift file only when it changed, or with
--check report (exit 1) that the committed file is out of date."""
import os
import sys


def write_or_check(output, text, root, make_target, summary=""):
    current = open(output, encoding="utf-8").read() if os.path.exists(output) else None
    name = os.path.relpath(output, root)
    if "--check" in sys.argv[1:]:
        if current != text:
            print(f"{name} is out of date; run `make {make_target}`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {name}{summary}")
    return 0
