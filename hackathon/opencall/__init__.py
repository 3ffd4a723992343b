"""Open calls: an event admits people by application and the organisers' decision instead of first come."""
