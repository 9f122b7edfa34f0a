"""``python -m zeren_graph`` behaves exactly like ``zeren``."""

import sys

from zeren_graph.cli import main

sys.exit(main())
