"""The organiser's overview: the state of the whole event on one live page."""
