"""Where the visitor stands: the lobby, workplaces and the interview room."""
