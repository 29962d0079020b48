"""Routes, one small module per area: api_* answer JSON, pages_* render templates."""
