"""Source files → text with offsets → document tree → extracted facts."""
