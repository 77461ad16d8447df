//! The Catalogs page: each catalog's category tree. PIM roles create catalogs, add, rename,
//! reorder and nest categories, and delete those nothing is in; every change is a plain form post.

mod catalog_section;
mod category_row;

use leptos::{either::Either, prelude::*};

use super::{ErrorMessage, csv_import::CsvImport, error_message::action_outcome};
use crate::api::catalogs::{DeleteCategory, ReorderCategory, SaveCatalog, SaveCategory, list_catalogs};
use crate::domain::{CatalogTree, CsvImportKind, Permission, User, catalog_limits};
use catalog_section::CatalogSection;

/// The page's actions; the trees reload after each.
#[derive(Clone, Copy)]
struct CatalogActions {
    save_category: ServerAction<SaveCategory>,
    reorder: ServerAction<ReorderCategory>,
    delete: ServerAction<DeleteCategory>,
}

#[component]
pub fn CatalogsPage() -> impl IntoView {
    let can_change = use_context::<User>().is_some_and(|user| user.role.can(Permission::ManageCatalog));
    let save_catalog = ServerAction::<SaveCatalog>::new();
    let actions = CatalogActions {
        save_category: ServerAction::new(),
        reorder: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let imported = RwSignal::new(0);
    let trees = Resource::new(
        move || {
            (
                imported.get(),
                save_catalog.version().get(),
                actions.save_category.version().get(),
                actions.reorder.version().get(),
                actions.delete.version().get(),
            )
        },
        |_| list_catalogs(),
    );
    let new_catalog = NodeRef::new();
    super::error_message::empty_after_success(save_catalog.value(), new_catalog);
    view! {
        <main class="catalogs-page">
            <leptos_meta::Title text="Catalogs \u{b7} damson" />
            <h1>"Catalogs"</h1>
            {can_change.then(|| view! {
                <ActionForm action=save_catalog node_ref=new_catalog attr:class="card create-catalog" attr:aria-label="Create a catalog">
                    <h2>"Create a catalog"</h2>
                    <div class="field">
                        <label for="new-catalog-code">"Code"</label>
                        <input id="new-catalog-code" name="code" autocomplete="off" maxlength=catalog_limits::KEY required />
                    </div>
                    <div class="field">
                        <label for="new-catalog-name">"Name"</label>
                        <input id="new-catalog-name" name="name" maxlength=catalog_limits::TITLE required />
                    </div>
                    <button type="submit">"Create catalog"</button>
                </ActionForm>
                <CsvImport kind=CsvImportKind::Categories columns="catalog,number,name,parent (catalog by code, parent by number, parents first)" imported />
            })}
            <div class="outcomes">
                {action_outcome(save_catalog.value(), |tree: &CatalogTree| format!("Saved catalog \u{201c}{}\u{201d}.", tree.catalog.name))}
                {action_outcome(actions.save_category.value(), |_: &CatalogTree| "Saved the category.".to_owned())}
                {action_outcome(actions.reorder.value(), |()| "Moved the category.".to_owned())}
                {action_outcome(actions.delete.value(), |()| "Deleted the category.".to_owned())}
            </div>
            <Transition fallback=|| view! { <p class="loading">"Loading catalogs…"</p> }>
                {move || Suspend::new(async move {
                    match trees.await {
                        Ok(trees) if trees.is_empty() => Either::Left(view! { <p class="hint">"No catalog yet."</p> }.into_any()),
                        Ok(trees) => Either::Left(
                            trees
                                .into_iter()
                                .map(|tree| view! { <CatalogSection tree can_change actions /> })
                                .collect_view()
                                .into_any(),
                        ),
                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
        </main>
    }
}
