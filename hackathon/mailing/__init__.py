"""Mail to people: mailings to an audience sent in the background, and reminders before sessions and pitches."""
