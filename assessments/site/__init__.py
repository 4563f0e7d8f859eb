"""Pages outside any organisation: home, language switch, favicon, error pages and the /healthz check."""
