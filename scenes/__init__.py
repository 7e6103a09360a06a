"""Workplace and interview-room scenes, composed from content."""
