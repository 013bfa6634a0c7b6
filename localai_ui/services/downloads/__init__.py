"""http(s) downloads into library folders: one file with resume and checks, and background jobs with status."""
