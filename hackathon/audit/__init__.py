"""The audit log: what organisers (and people about their own data) changed, when and by whom."""
