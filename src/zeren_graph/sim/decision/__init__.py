"""How units decide: the best split of their time, and the consequences they expect.

``effort`` holds the best response of a convex cost of time; ``consequences`` the expected
sanctions and rewards of the accountability ladder and the value of one more unit of score.
"""

from zeren_graph.sim.decision.consequences import (
    Ladder,
    compile_ladder,
    expected,
    marginal,
    normal_cdf,
)
from zeren_graph.sim.decision.effort import best_response

__all__ = ["Ladder", "best_response", "compile_ladder", "expected", "marginal", "normal_cdf"]
