"""Sharing credit: a structured credit policy, a contribution ledger, acknowledgement lines and an
equity view (PRODUCT.md C7)."""
