//! The API reference at `/api/docs`: every operation and schema of the OpenAPI document, as a
//! plain page (no script, nothing fetched from elsewhere) that reads like damson's own.

use leptos::prelude::*;

use crate::domain::{ApiReference, FieldDoc, OperationDoc, OperationGroup, SchemaDoc, paths};

#[component]
pub fn ApiReferencePage(reference: ApiReference) -> impl IntoView {
    let ApiReference {
        title,
        version,
        description,
        groups,
        schemas,
    } = reference;
    let document = format!("{}{}", paths::API_V1, paths::api_v1::OPENAPI);
    view! {
        <header class="reference-header">
            <h1>{format!("{title} reference")}</h1>
            <p>
                {format!("Version {version}, at {} · ", paths::API_V1)}
                <a href=document>"The OpenAPI document"</a>
                " · "
                <a href=paths::API_TOKENS>"Make an API token"</a>
            </p>
        </header>
        <div class="reference">
            <nav class="reference-contents" aria-label="Operations">
                {groups.iter().map(contents_of).collect_view()}
                <h2><a href="#schemas">"Schemas"</a></h2>
            </nav>
            <main class="reference-body">
                <Prose text=description />
                {groups.into_iter().map(|group| view! { <Group group /> }).collect_view()}
                <section aria-labelledby="schemas">
                    <h2 id="schemas">"Schemas"</h2>
                    {schemas.into_iter().map(|schema| view! { <Schema schema /> }).collect_view()}
                </section>
            </main>
        </div>
    }
}

fn contents_of(group: &OperationGroup) -> impl IntoView + use<> {
    let items = group
        .operations
        .iter()
        .map(|operation| {
            let href = format!("#{}", operation.anchor);
            view! {
                <li>
                    <a href=href>
                        <span class="method">{operation.method.clone()}</span>
                        <span>{operation.path.clone()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{group.name.clone()}</h2>
        <ul>{items}</ul>
    }
}

#[component]
fn Group(group: OperationGroup) -> impl IntoView {
    let (id, labelled_by) = (format!("tag-{}", group.name), format!("tag-{}", group.name));
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=id>{group.name}</h2>
            <Prose text=group.description />
            {group.operations.into_iter().map(|operation| view! { <Operation operation /> }).collect_view()}
        </section>
    }
}

#[component]
fn Operation(operation: OperationDoc) -> impl IntoView {
    let method_class = format!("method method-{}", operation.method.to_lowercase());
    let (heading, labelled_by) = (
        format!("{}-heading", operation.anchor),
        format!("{}-heading", operation.anchor),
    );
    let answers = operation
        .answers
        .into_iter()
        .map(|(status, meaning)| view! { <tr><th scope="row">{status}</th><td><Prose text=meaning /></td></tr> })
        .collect_view();
    view! {
        <article class="operation" id=operation.anchor aria-labelledby=labelled_by>
            <h3 id=heading>
                <span class=method_class>{operation.method}</span>
                " "
                <code>{format!("{}{}", paths::API_V1, operation.path)}</code>
            </h3>
            <Prose text=operation.summary />
            <Prose text=operation.description />
            <Fields caption="Parameters" fields=operation.parameters />
            {operation.body.map(|body| view! { <p><strong>"Body: "</strong><code>{body}</code></p> })}
            <table class="reference-table">
                <caption>"Answers"</caption>
                <thead><tr><th scope="col">"Status"</th><th scope="col">"Meaning"</th></tr></thead>
                <tbody>{answers}</tbody>
            </table>
        </article>
    }
}

#[component]
fn Schema(schema: SchemaDoc) -> impl IntoView {
    let id = format!("schema-{}", schema.name);
    let (heading, labelled_by) = (format!("{id}-heading"), format!("{id}-heading"));
    view! {
        <article class="operation" id=id aria-labelledby=labelled_by>
            <h3 id=heading><code>{schema.name}</code></h3>
            <Prose text=schema.description />
            <Fields caption="Fields" fields=schema.fields />
        </article>
    }
}

/// Parameters or fields as a table; nothing when there are none.
#[component]
fn Fields(caption: &'static str, fields: Vec<FieldDoc>) -> impl IntoView {
    (!fields.is_empty()).then(|| {
        let with_place = fields.iter().any(|field| !field.place.is_empty());
        let rows = fields
            .into_iter()
            .map(|field| {
                let name = if field.required {
                    format!("{} (required)", field.name)
                } else {
                    field.name
                };
                view! {
                    <tr>
                        <th scope="row"><code>{name}</code></th>
                        {with_place.then(|| view! { <td>{field.place}</td> })}
                        <td>{field.kind}</td>
                        <td><Prose text=field.description /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="reference-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        {with_place.then(|| view! { <th scope="col">"In"</th> })}
                        <th scope="col">"Type"</th>
                        <th scope="col">"Description"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

/// The document's text: what is between backticks is code.
#[component]
fn Prose(text: String) -> impl IntoView {
    (!text.is_empty()).then(|| {
        let parts = text
            .split('`')
            .enumerate()
            .map(|(at, part)| {
                let part = part.to_owned();
                if at % 2 == 1 {
                    view! { <code>{part}</code> }.into_any()
                } else {
                    part.into_any()
                }
            })
            .collect_view();
        view! { <p>{parts}</p> }
    })
}
