"""Interview simulation: dialogue, speech in/out, answer analysis and reports (no Panda3D)."""
