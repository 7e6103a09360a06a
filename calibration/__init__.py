"""Station calibration: floor and height, seating, microphone and speaker levels."""
