"""Modal dialogs, each a typed ``ModalScreen[T]`` that answers through ``dismiss()``."""
