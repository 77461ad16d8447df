use leptos::prelude::*;

use super::{CatalogActions, category_row::CategoryRow};
use crate::domain::{CatalogTree, catalog_limits};

/// One catalog: its categories as an indented tree, and a form to add one.
#[component]
pub fn CatalogSection(tree: CatalogTree, can_change: bool, actions: CatalogActions) -> impl IntoView {
    let catalog = tree.catalog.clone();
    let heading = format!("catalog-{}", catalog.id.0);
    let labelled_by = heading.clone();
    let parents: Vec<(String, String)> = tree
        .categories
        .iter()
        .map(|c| {
            (
                c.category.id.0.to_string(),
                format!("{}{}", "\u{2003}".repeat(c.depth), c.category.name),
            )
        })
        .collect();
    view! {
        <section class="card catalog" aria-labelledby=labelled_by>
            <h2 id=heading>{catalog.name.clone()} " " <span class="hint">{format!("({})", catalog.code)}</span></h2>
            {if tree.categories.is_empty() {
                view! { <p class="hint">"No category yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="category-tree">
                        {tree
                            .categories
                            .iter()
                            .map(|c| view! { <CategoryRow entry=c.clone() parents=parents.clone() can_change actions /> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {can_change.then(|| {
                let prefix = format!("new-category-{}", catalog.id.0);
                let form = NodeRef::new();
                crate::ui::error_message::empty_after_success(actions.save_category.value(), form);
                view! {
                    <ActionForm action=actions.save_category node_ref=form attr:class="add-category" attr:aria-label=format!("Add a category to {}", catalog.name)>
                        <input type="hidden" name="catalog_id" value=catalog.id.0.to_string() />
                        <div class="field">
                            <label for=format!("{prefix}-number")>"Number"</label>
                            <input id=format!("{prefix}-number") name="number" autocomplete="off" maxlength=catalog_limits::KEY required />
                        </div>
                        <div class="field">
                            <label for=format!("{prefix}-name")>"Name"</label>
                            <input id=format!("{prefix}-name") name="name" maxlength=catalog_limits::TITLE required />
                        </div>
                        <div class="field">
                            <label for=format!("{prefix}-parent")>"Under"</label>
                            <select id=format!("{prefix}-parent") name="parent_id">
                                <option value="">"The top of the catalog"</option>
                                {parents.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <button type="submit">"Add category"</button>
                    </ActionForm>
                }
            })}
        </section>
    }
}
