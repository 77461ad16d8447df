use leptos::prelude::*;

use super::Linking;
use crate::api::products::{DeleteProductView, SaveProductView};
use crate::domain::{ProductSearch, SavedView, ViewFields};

/// Views: the user's saved sets of these filters. Each opens Select products with its filters;
/// the current filters are saved under a name. Plain links and form posts.
#[component]
pub fn Views(
    views: Vec<SavedView>,
    wanted: ProductSearch,
    linking: Linking,
    save: ServerAction<SaveProductView>,
    delete: ServerAction<DeleteProductView>,
) -> impl IntoView {
    view! {
        <section class="views" aria-labelledby="views-heading">
            <h2 id="views-heading">"Saved views"</h2>
            {if views.is_empty() {
                view! { <p class="hint">"No saved views yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="saved-views">
                        {views
                            .into_iter()
                            .map(|view| {
                                let separator = if view.query.is_empty() { "" } else { "&" };
                                let href = linking.href(&format!("{}{separator}panel=views", view.query));
                                let label = format!("Delete view {}", view.name);
                                view! {
                                    <li>
                                        <a href=href>{view.name.clone()}</a>
                                        <ActionForm action=delete attr:class="inline">
                                            <input type="hidden" name="view_id" value=view.id.to_string() />
                                            <button type="submit" class="quiet small" aria-label=label>"×"</button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <ActionForm action=save attr:class="save-view" attr:aria-label="Save these filters as a view">
                <input type="hidden" name="query" value=wanted.to_query() />
                <label for="view-name">"Save these filters as"</label>
                <div class="inline">
                    <input id="view-name" name="name" maxlength=ViewFields::MAX_NAME_CHARS required />
                    <button type="submit" class="quiet">"Save view"</button>
                </div>
            </ActionForm>
            {move || save.value().get().and_then(Result::err).map(|error| view! { <crate::ui::ErrorMessage error /> })}
        </section>
    }
}
