"""Comfort for people new to VR: snap turn, teleport, fades, a floor to stand on."""
