"""The expo round: judges compare projects pairwise at their tables; CrowdBT ranks them; finalists go on."""
