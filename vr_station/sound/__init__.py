"""Speech the visitor hears in the scene: the tour guide's narration and 3-D playback on the
station's clock."""
