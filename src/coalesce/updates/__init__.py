"""Internal communication: updates members read and acknowledge, with replies (PRODUCT.md C6)."""
