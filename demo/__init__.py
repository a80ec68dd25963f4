"""Demo and bench data: the content, people and route history a new installation shows."""
