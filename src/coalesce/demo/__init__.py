"""The demo coalition and the synthetic coalition for benchmarks.

Sits on top of every domain app (it builds their data through their services);
nothing else imports from it.
"""
