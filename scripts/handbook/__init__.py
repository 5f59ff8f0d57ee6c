"""Build the inspection framework handbook: load, validate, model, render, write."""
