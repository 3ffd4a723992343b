"""Mentoring: the slot grid, bookings and the live help queue."""
