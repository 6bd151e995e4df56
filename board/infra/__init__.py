"""Infrastructure under the domain: green-thread plumbing, SQLite connections and the socket fan-out.

Nothing here knows the board's models or rules. Each module says which library behaviour it relies
on; what reaches into a library's internals (:mod:`.fanout`) is gated on the versions it was
checked against (``requirements.lock``) and reports which path is active.
"""
