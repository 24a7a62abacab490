//! The request model (filled in by the model work).
