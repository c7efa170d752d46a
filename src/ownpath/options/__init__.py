"""Values and options: what a person values in a job, the jobs they weigh, and how each would feel."""
