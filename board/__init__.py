"""Co-Learning Board: a realtime board where outsourcing buyers and providers learn together.

Importing the package imports no web framework, so ``board serve`` can monkey-patch for
eventlet or gevent before Flask and friends load.
"""
from __future__ import annotations


def create_app(settings=None):
    """Build the Flask app from ``settings`` (default: the environment)."""
    from .app import create_app as factory

    return factory(settings)
