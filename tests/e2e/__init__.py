"""End-to-end tests: the real console script in tmux, and over ssh to 127.0.0.1."""
