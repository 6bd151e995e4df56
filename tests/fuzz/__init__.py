"""``make fuzz``: the OpenAPI document fuzzed against a served board (``python -m tests.fuzz``)."""
