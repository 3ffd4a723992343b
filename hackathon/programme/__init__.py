"""The programme: the agenda of the event days and live announcements."""
