"""One Screen per module; dialogs/ holds the ModalScreens."""
