"""Joint statements: versioned drafts, a comment window, approval, consented signatures,
publication (PRODUCT.md C6)."""
