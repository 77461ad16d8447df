use crate::domain::paths;
use leptos::prelude::*;

use crate::domain::{AssetId, CategoryPath};

/// The categories the asset is in, as paths; managers change them on Add asset to categories.
#[component]
pub fn CategoriesTab(asset_id: AssetId, categories: Vec<CategoryPath>, can_manage: bool) -> impl IntoView {
    let summary = match categories.len() {
        0 => "This asset is in no category.".to_owned(),
        1 => "In 1 category.".to_owned(),
        n => format!("In {n} categories."),
    };
    view! {
        <section class="categories-tab" aria-label="Categories">
            {can_manage.then(|| view! {
                <a class="edit-categories button" href=paths::asset_categories(asset_id) aria-label="Edit categories">
                    "✎"
                </a>
            })}
            <p class="hint">{summary}</p>
            <ul class="category-paths">
                {categories.into_iter().map(|category| view! { <li>{category.path}</li> }).collect_view()}
            </ul>
        </section>
    }
}
