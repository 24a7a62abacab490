//! Generates the JSON Schema of the request from the model types.
