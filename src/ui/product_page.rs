//! A product's page (`/products/<id>`): what it is, its status, and the assets that illustrate it
//! as thumbnails in link order (the first is the main image). PIM roles edit it and change its
//! status; asset managers reorder its assets. Every change is a plain form post.

use crate::domain::paths;
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    ErrorMessage,
    assets::{Picture, StatusBadge},
    category_checklist::{CategoryChecklist, CategorySearch, Choosing},
    error_message::action_outcome,
};
use crate::api::{
    catalogs::{ChangeProductCategories, list_catalogs},
    products::{MoveProductAsset, SaveProduct, SetProductStatus, product_details},
};
use crate::domain::{
    AssetCard, CatalogTree, CategoryPath, Permission, Product, ProductFields, ProductId, ProductOverview, User,
};

#[component]
pub fn ProductPage() -> impl IntoView {
    let role = use_context::<User>().map(|user| user.role);
    let can_change = role.is_some_and(|role| role.can(Permission::ManageCatalog));
    let can_reorder = role.is_some_and(|role| role.can(Permission::Manage));
    let id = use_params_map()
        .read_untracked()
        .get(crate::domain::paths::segments::PRODUCT_ID)
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let save = ServerAction::<SaveProduct>::new();
    let set_status = ServerAction::<SetProductStatus>::new();
    let reorder = ServerAction::<MoveProductAsset>::new();
    let change_categories = ServerAction::<ChangeProductCategories>::new();
    let overview = Resource::new(
        move || {
            (
                save.version().get(),
                set_status.version().get(),
                reorder.version().get(),
                change_categories.version().get(),
            )
        },
        move |_| product_details(ProductId(id)),
    );
    // Only those who may change the categories need the trees.
    let trees = Resource::new(
        move || can_change,
        |can_change| async move {
            if can_change {
                list_catalogs().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    view! {
        <main class="product-page">
            <a href=paths::PRODUCTS>"‹ Products"</a>
            <div class="outcomes">
                {action_outcome(save.value(), |product: &Product| format!("Saved {}.", product.number))}
                {action_outcome(set_status.value(), |product: &Product| format!("{} is now {}.", product.number, product.status))}
                {action_outcome(reorder.value(), |_: &ProductOverview| "Moved the asset.".to_owned())}
                {action_outcome(change_categories.value(), |product: &Product| format!("Saved the categories of {}.", product.number))}
            </div>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match (overview.await, trees.await) {
                        (Ok(ProductOverview { product, categories, assets }), Ok(trees)) => Either::Left(view! {
                            <Header product=product.clone() can_change save set_status />
                            <Categories product_id=product.id categories trees can_change change=change_categories />
                            <Assets product=product assets can_reorder reorder />
                        }),
                        (Err(error), _) | (_, Err(error)) => Either::Right(view! { <ErrorMessage error /> }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Header(
    product: Product,
    can_change: bool,
    save: ServerAction<SaveProduct>,
    set_status: ServerAction<SetProductStatus>,
) -> impl IntoView {
    let id = product.id.0.to_string();
    let status_id = id.clone();
    let statuses = product.status.changes();
    view! {
        <header class="product-header">
            <leptos_meta::Title text=format!("{} {} \u{b7} damson", product.number, product.name) />
            <h1>{format!("{} {}", product.number, product.name)}</h1>
            <StatusBadge status=product.status />
        </header>
        {if can_change {
            Either::Left(view! {
                <ActionForm action=save attr:class="card edit-product" attr:aria-label="Edit product">
                    <input type="hidden" name="product_id" value=id />
                    <div class="field">
                        <label for="product-number">"Number"</label>
                        <input id="product-number" name="number" value=product.number.clone() maxlength=ProductFields::MAX_NUMBER_CHARS required />
                    </div>
                    <div class="field">
                        <label for="product-name">"Name"</label>
                        <input id="product-name" name="name" value=product.name.clone() maxlength=ProductFields::MAX_NAME_CHARS required />
                    </div>
                    <div class="field">
                        <label for="product-description">"Description"</label>
                        <input id="product-description" name="description" value=product.description.clone() maxlength=ProductFields::MAX_DESCRIPTION_CHARS />
                    </div>
                    <button type="submit">"Save product"</button>
                </ActionForm>
                <div class="status-actions">
                    {statuses
                        .iter()
                        .map(|&(status, verb)| {
                            let product_id = status_id.clone();
                            view! {
                                <ActionForm action=set_status attr:class="inline">
                                    <input type="hidden" name="product_id" value=product_id />
                                    <input type="hidden" name="status" value=status.code() />
                                    <button type="submit" class="quiet">{verb}</button>
                                </ActionForm>
                            }
                        })
                        .collect_view()}
                </div>
            })
        } else {
            Either::Right((!product.description.is_empty()).then(|| view! { <p>{product.description.clone()}</p> }))
        }}
    }
}

/// The product's categories as paths; PIM roles change them with the catalog trees' checkboxes.
#[component]
fn Categories(
    product_id: ProductId,
    categories: Vec<CategoryPath>,
    trees: Vec<CatalogTree>,
    can_change: bool,
    change: ServerAction<ChangeProductCategories>,
) -> impl IntoView {
    let search = use_query_map().read_untracked().get("search");
    let editing = can_change.then(|| {
        let open = search.is_some();
        let choosing = Choosing::new(categories.iter().map(|c| c.id), search.unwrap_or_default());
        view! {
            <details class="edit-product-categories" open=open>
                <summary>"Edit categories"</summary>
                <CategorySearch choosing />
                <ActionForm action=change attr:aria-label="Categories of this product">
                    <input type="hidden" name="product_id" value=product_id.0.to_string() />
                    <CategoryChecklist trees choosing />
                    <div class="inline">
                        <button type="submit" disabled=move || change.pending().get()>"Save categories"</button>
                        <span class="hint" role="status">{move || choosing.counts()}</span>
                    </div>
                </ActionForm>
            </details>
        }
    });
    view! {
        <section class="product-categories" aria-labelledby="product-categories">
            <h2 id="product-categories">"Categories"</h2>
            {if categories.is_empty() {
                Either::Left(view! { <p class="hint">"This product is in no category."</p> })
            } else {
                Either::Right(view! {
                    <ul class="category-paths" aria-label="In these categories">
                        {categories.into_iter().map(|category| view! { <li>{category.path}</li> }).collect_view()}
                    </ul>
                })
            }}
            {editing}
        </section>
    }
}

#[component]
fn Assets(
    product: Product,
    assets: Vec<AssetCard>,
    can_reorder: bool,
    reorder: ServerAction<MoveProductAsset>,
) -> impl IntoView {
    if assets.is_empty() {
        return Either::Left(
            view! { <p class="hint">"No asset illustrates this product yet. Add one from an asset's Products tab."</p> },
        );
    }
    let count = assets.len();
    let product_id = product.id.0.to_string();
    Either::Right(view! {
        <section aria-labelledby="product-assets">
            <h2 id="product-assets">"Assets"</h2>
            <ol class="product-assets">
                {assets
                    .into_iter()
                    .enumerate()
                    .map(|(at, card)| {
                        let name = card.name.clone();
                        let move_button = |direction: &'static str, label: String, text: &'static str| {
                            let product_id = product_id.clone();
                            view! {
                                <ActionForm action=reorder attr:class="inline">
                                    <input type="hidden" name="product_id" value=product_id />
                                    <input type="hidden" name="asset_id" value=card.id.0.to_string() />
                                    <input type="hidden" name="direction" value=direction />
                                    <button type="submit" class="quiet" aria-label=label>{text}</button>
                                </ActionForm>
                            }
                        };
                        view! {
                            <li class="product-asset">
                                <a href=paths::asset_tab(card.id, "products")>
                                    <Picture thumbnail=card.thumbnail.clone() file_type=card.file_type />
                                    <span class="card-name">{card.name.clone()}</span>
                                </a>
                                {(at == 0).then(|| view! { <span class="badge public">"Main image"</span> })}
                                {can_reorder.then(|| view! {
                                    <div class="reorder">
                                        {(at > 0).then(|| move_button("earlier", format!("Move {name} earlier"), "←"))}
                                        {(at + 1 < count).then(|| move_button("later", format!("Move {name} later"), "→"))}
                                    </div>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    })
}
