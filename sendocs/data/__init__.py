"""Data files shipped with sendocs (e.g. ``default_terms.yaml``, an EXAMPLE term calendar).

A package (not a plain folder) so that setuptools' package discovery includes
these files in the wheel.
"""
