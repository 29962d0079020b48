"""Writers: consume records and write them somewhere. Each has `write(record)` and `close()`.

(A minimal package; the lead's common writer interface replaces this file.)
"""
