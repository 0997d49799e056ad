"""Word lists the generator builds names and texts from."""
