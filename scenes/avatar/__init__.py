"""The interviewer: looks, a motion model and a figure built from code (no Panda3D here)."""
