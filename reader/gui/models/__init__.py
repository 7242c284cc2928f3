"""Qt item models over the library: the article list and the sidebar."""
