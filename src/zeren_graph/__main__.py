"""``python -m zeren_graph`` behaves exactly like ``zeren``."""

import sys


def _run() -> int:
    try:
        from zeren_graph.cli import main  # noqa: PLC0415
    except KeyboardInterrupt:  # Ctrl-C while importing: one line, as main() would print
        print("zeren: interrupted", file=sys.stderr)
        return 130
    return main()


sys.exit(_run())
