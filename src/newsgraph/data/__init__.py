"""Tables shipped inside the package (Python modules, so they need no file loading)."""
