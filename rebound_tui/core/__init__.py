"""Pure domain: records, figures, dates, tips and their wording. Imports no UI library and no storage."""
