"""Helpers the tests share: plain functions, classes and tables (fixtures live in the conftest files).

Test modules import from here, never from another test module or a conftest.
"""
