"""The console's dialogs: `ModalScreen[T]` subclasses that `dismiss()` their result."""
