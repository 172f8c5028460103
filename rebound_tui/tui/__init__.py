"""The Textual app: session, screens, dialogs and widgets."""
