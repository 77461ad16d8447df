use leptos::prelude::*;

use super::CatalogActions;
use crate::domain::{TreeCategory, catalog_limits};

/// One category, indented by its depth; PIM roles move it up or down, edit it (name and parent)
/// and delete it, each a form of its own.
#[component]
pub fn CategoryRow(
    entry: TreeCategory,
    parents: Vec<(String, String)>,
    can_change: bool,
    actions: CatalogActions,
) -> impl IntoView {
    let category = entry.category;
    let id = category.id.0.to_string();
    let name = category.name.clone();
    let indent = format!("padding-left: {}rem", entry.depth as f32 * 1.5);
    let current_parent = category.parent.map(|p| p.0.to_string()).unwrap_or_default();
    let button = move |direction: &'static str, label: String, text: &'static str| {
        let id = id.clone();
        view! {
            <ActionForm action=actions.reorder attr:class="inline">
                <input type="hidden" name="category_id" value=id />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="quiet" aria-label=label>{text}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="category" style=indent>
            <span class="category-number">{category.number.clone()}</span>
            <span class="category-name">{category.name.clone()}</span>
            {can_change.then(|| {
                let prefix = format!("category-{}", category.id.0);
                let (up, down, edit, rename, move_under, delete) = (
                    format!("Move {name} up"),
                    format!("Move {name} down"),
                    format!(" {name}"),
                    format!("Name of {name}"),
                    format!("Put {name} under"),
                    format!("Delete {name}"),
                );
                view! {
                    <div class="category-actions">
                        {button("up", up, "↑")}
                        {button("down", down, "↓")}
                        <details class="edit-category">
                            <summary>"Edit"<span class="visually-hidden">{edit}</span></summary>
                            <ActionForm action=actions.save_category attr:class="inline">
                                <input type="hidden" name="category_id" value=category.id.0.to_string() />
                                <input type="hidden" name="catalog_id" value=category.catalog.0.to_string() />
                                <input type="hidden" name="number" value=category.number.clone() />
                                <label class="visually-hidden" for=format!("{prefix}-name")>{rename}</label>
                                <input id=format!("{prefix}-name") name="name" value=category.name.clone() maxlength=catalog_limits::TITLE required />
                                <label class="visually-hidden" for=format!("{prefix}-parent")>{move_under}</label>
                                <select id=format!("{prefix}-parent") name="parent_id">
                                    <option value="" selected=current_parent.is_empty()>"The top of the catalog"</option>
                                    {parents
                                        .iter()
                                        .filter(|(parent, _)| *parent != category.id.0.to_string())
                                        .map(|(parent, label)| view! {
                                            <option value=parent.clone() selected=*parent == current_parent>{label.clone()}</option>
                                        })
                                        .collect_view()}
                                </select>
                                <button type="submit" class="quiet">"Save"</button>
                            </ActionForm>
                        </details>
                        <ActionForm action=actions.delete attr:class="inline">
                            <input type="hidden" name="category_id" value=category.id.0.to_string() />
                            <button type="submit" class="quiet" aria-label=delete>"Delete"</button>
                        </ActionForm>
                    </div>
                }
            })}
        </li>
    }
}
