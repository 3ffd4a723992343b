"""Teams around social challenges."""
