"""Check-in: QR badges, door scanning and attendance."""
