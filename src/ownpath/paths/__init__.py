"""A person's path to a target role: the gap, the steps and the progress read from their journal."""
