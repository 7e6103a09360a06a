"""World-space UI: panels, buttons, captions, pointing by controller, gaze and mouse."""
