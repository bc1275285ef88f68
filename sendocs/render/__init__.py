"""Rendering: the Jinja environment, the Word renderer and DOCX to PDF conversion."""
