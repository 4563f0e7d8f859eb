"""Shape stored results, answers and logs for templates (pages and the PDF share these), one module a feature.

Presenters lay out what the engine and the models hold; they never re-derive it.
"""
