"""Queries: brokers, triads, gaps and paths as pure functions returning DataFrames."""
