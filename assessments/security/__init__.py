"""The client's address (one reader for lockouts, limits and logs) and the rate limits over the shared cache."""
