"""Queries: brokers, triads, gaps, paths and Cypher, as pure functions returning DataFrames.

Every query takes the graph first (a claim graph, an analysis graph or a
networkx graph), keyword-only options, and returns a ``pandas.DataFrame``
with a fixed sort order and a ``reason`` (or ``via``) column in words. The
public functions are re-exported once, by the ``ecox`` package (this package
keeps its module names, ``queries.brokers`` and the like, unshadowed).
"""
