"""Financial transparency: a double-entry ledger, budget lines and approvals (PRODUCT.md C6)."""
