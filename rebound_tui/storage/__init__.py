"""The only code that touches the data folder or imports TinyDB."""
