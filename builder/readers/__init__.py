"""Readers: turn a course folder into the immutable Course model, reporting every problem."""
