"""Who may speak for the coalition: a roster of mandates and fair rotation among member
organisations (PRODUCT.md C6)."""
