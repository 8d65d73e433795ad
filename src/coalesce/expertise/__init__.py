"""Expertise to share: what member organisations can offer and need, requests for help,
and a directory of expertise within membership visibility (PRODUCT.md C6)."""
