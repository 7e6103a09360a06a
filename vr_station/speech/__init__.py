"""Speech the visitor hears: synthesis off the render thread, playback with captions."""
