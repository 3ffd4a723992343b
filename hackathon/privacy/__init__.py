"""Data rights: download what the platform holds about you, delete your account, retention and notices."""
