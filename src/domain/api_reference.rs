//! The API's reference for people, read from its OpenAPI document: each operation grouped under
//! its tag with its parameters, body and answers, then each schema with its fields. The document
//! is generated from the routes, so the page cannot drift from them either.

use serde_json::Value;

/// The whole reference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiReference {
    pub title: String,
    pub version: String,
    pub description: String,
    pub groups: Vec<OperationGroup>,
    pub schemas: Vec<SchemaDoc>,
}

/// The operations of one tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationGroup {
    pub name: String,
    pub description: String,
    pub operations: Vec<OperationDoc>,
}

/// One operation: a method on a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationDoc {
    /// Unique: the operation's id, for links to it.
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub parameters: Vec<FieldDoc>,
    /// The body's media type and schema (`application/json: AssetPatch`).
    pub body: Option<String>,
    /// Status and what it means, in order.
    pub answers: Vec<(String, String)>,
}

/// A parameter of an operation or a field of a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDoc {
    pub name: String,
    /// `query`, `path` or `header` for a parameter; empty for a field.
    pub place: String,
    /// `string`, `integer`, `array of string`, a schema's name…
    pub kind: String,
    pub required: bool,
    pub description: String,
}

/// A schema of the document's components.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaDoc {
    pub name: String,
    pub description: String,
    pub fields: Vec<FieldDoc>,
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

impl ApiReference {
    /// Reads an OpenAPI 3.1 document (as JSON); what it lacks is left empty.
    pub fn from_openapi(document: &Value) -> Self {
        let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
        let mut groups: Vec<OperationGroup> = array(&document["tags"])
            .iter()
            .map(|tag| OperationGroup {
                name: text(&tag["name"]),
                description: text(&tag["description"]),
                operations: Vec::new(),
            })
            .collect();
        for (path, item) in object(&document["paths"]) {
            for method in METHODS {
                let operation = &item[method];
                if !operation.is_object() {
                    continue;
                }
                let tag = array(&operation["tags"]).first().map(text).unwrap_or_default();
                let at = match groups.iter().position(|group| group.name == tag) {
                    Some(at) => at,
                    None => {
                        groups.push(OperationGroup {
                            name: tag,
                            description: String::new(),
                            operations: Vec::new(),
                        });
                        groups.len() - 1
                    }
                };
                groups[at].operations.push(operation_doc(method, path, operation));
            }
        }
        groups.retain(|group| !group.operations.is_empty());
        let schemas = object(&document["components"]["schemas"])
            .map(|(name, schema)| SchemaDoc {
                name: name.clone(),
                description: text(&schema["description"]),
                fields: fields_of(schema, document),
            })
            .collect();
        ApiReference {
            title: text(&document["info"]["title"]),
            version: text(&document["info"]["version"]),
            description: text(&document["info"]["description"]),
            groups,
            schemas,
        }
    }
}

fn operation_doc(method: &str, path: &str, operation: &Value) -> OperationDoc {
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let parameters = array(&operation["parameters"])
        .iter()
        .map(|parameter| FieldDoc {
            name: text(&parameter["name"]),
            place: text(&parameter["in"]),
            kind: kind_of(&parameter["schema"]),
            required: parameter["required"].as_bool().unwrap_or(false),
            description: text(&parameter["description"]),
        })
        .collect();
    let body = object(&operation["requestBody"]["content"])
        .map(|(media, content)| format!("{media}: {}", kind_of(&content["schema"])))
        .next();
    let answers = object(&operation["responses"])
        .map(|(status, answer)| (status.clone(), text(&answer["description"])))
        .collect();
    let (summary, description) = match text(&operation["description"]) {
        description if description.is_empty() => (text(&operation["summary"]), String::new()),
        description => (text(&operation["summary"]), description),
    };
    OperationDoc {
        anchor: text(&operation["operationId"]),
        method: method.to_uppercase(),
        path: path.to_owned(),
        summary,
        description,
        parameters,
        body,
        answers,
    }
}

/// The fields of an object schema, those of each part of an `allOf` included.
fn fields_of(schema: &Value, document: &Value) -> Vec<FieldDoc> {
    let mut fields = Vec::new();
    for part in array(&schema["allOf"]) {
        let part = match part["$ref"].as_str() {
            Some(reference) => &document["components"]["schemas"][schema_name(reference)],
            None => part,
        };
        fields.extend(fields_of(part, document));
    }
    let required: Vec<&str> = array(&schema["required"]).iter().filter_map(Value::as_str).collect();
    fields.extend(object(&schema["properties"]).map(|(name, property)| FieldDoc {
        name: name.clone(),
        place: String::new(),
        kind: kind_of(property),
        required: required.contains(&name.as_str()),
        description: property["description"].as_str().unwrap_or_default().to_owned(),
    }));
    fields
}

/// A schema's kind in a few words: its type, or the schema it refers to.
fn kind_of(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return schema_name(reference).to_owned();
    }
    if let Some(one) = array(&schema["oneOf"]).iter().find(|kind| kind["type"] != "null") {
        return kind_of(one);
    }
    let kinds: Vec<&str> = match &schema["type"] {
        Value::String(kind) => vec![kind.as_str()],
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .filter(|kind| *kind != "null")
            .collect(),
        _ => Vec::new(),
    };
    match kinds.first().copied() {
        Some("array") => format!("array of {}", kind_of(&schema["items"])),
        Some(kind) => match schema["format"].as_str() {
            Some("binary") => "file bytes".to_owned(),
            _ => kind.to_owned(),
        },
        None => "any".to_owned(),
    }
}

fn schema_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

fn array(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn object(value: &Value) -> impl Iterator<Item = (&String, &Value)> {
    value.as_object().into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations_are_grouped_by_tag_with_their_parameters_body_and_answers() {
        let document = json!({
            "info": {"title": "damson API", "version": "1"},
            "tags": [{"name": "assets", "description": "Photos"}, {"name": "empty"}],
            "paths": {"/assets/{id}": {
                "get": {"tags": ["assets"], "operationId": "by_id", "summary": "Reads an asset.",
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "The asset"}, "404": {"description": "No such asset"}}},
                "patch": {"tags": ["assets"], "operationId": "update", "summary": "Changes it.",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssetPatch"}}}},
                    "responses": {"200": {"description": "Changed"}}}
            }},
            "components": {"schemas": {
                "AssetPatch": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string", "description": "A name"},
                    "labels": {"type": ["array", "null"], "items": {"type": "string"}}}},
                "BatchChange": {"allOf": [{"$ref": "#/components/schemas/AssetPatch"},
                    {"type": "object", "properties": {"code": {"type": "string"}}}]}
            }}
        });
        let reference = ApiReference::from_openapi(&document);
        assert_eq!(reference.groups.len(), 1, "a tag without operations is left out");
        let operations = &reference.groups[0].operations;
        assert_eq!(
            operations
                .iter()
                .map(|op| (op.method.as_str(), op.anchor.as_str()))
                .collect::<Vec<_>>(),
            [("GET", "by_id"), ("PATCH", "update")]
        );
        assert_eq!(operations[0].parameters[0].kind, "integer");
        assert!(operations[0].parameters[0].required);
        assert_eq!(operations[0].answers[1], ("404".to_owned(), "No such asset".to_owned()));
        assert_eq!(operations[1].body.as_deref(), Some("application/json: AssetPatch"));
        let batch = reference
            .schemas
            .iter()
            .find(|schema| schema.name == "BatchChange")
            .unwrap();
        let fields: Vec<(&str, &str, bool)> = batch
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.kind.as_str(), f.required))
            .collect();
        assert_eq!(
            fields,
            [
                ("labels", "array of string", false),
                ("name", "string", true),
                ("code", "string", false)
            ]
        );
    }
}
