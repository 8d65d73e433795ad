"""Live sessions: a plan run in a room, with phones, boards, groups and the tests.

The models stay in ``training.models`` (app label ``training``).
"""
