"""The import parsers: bytes in, plain records and located problems out.

Pure: nothing here imports Django or saves anything (``imports.formats`` plans what to save).
"""
