"""Speech the visitor hears in the scene: the guide's narration, played in 3-D on the station's clock."""
