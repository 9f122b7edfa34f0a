"""Public Hypothesis strategies for users' own property tests.

Requires ``hypothesis`` (in the ``dev`` extra). See
:mod:`zeren_graph.testing.strategies` for examples.
"""

from zeren_graph.testing.strategies import canonical, flat_models, models, names

__all__ = ["canonical", "flat_models", "models", "names"]
