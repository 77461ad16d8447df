use crate::domain::paths;
use leptos::prelude::*;

use crate::api::products::SetProductStatus;
use crate::domain::Product;
use crate::ui::assets::StatusBadge;

/// One product; PIM roles get a form per status change, so each works as a plain form post.
#[component]
pub fn ProductRow(product: Product, can_change: bool, set_status: ServerAction<SetProductStatus>) -> impl IntoView {
    let changes = product.status.changes();
    let (id, number) = (product.id.0, product.number.clone());
    view! {
        <tr>
            <th scope="row"><a href=paths::product(product.id)>{product.number}</a></th>
            <td>{product.name}</td>
            <td><StatusBadge status=product.status /></td>
            <td class="hint">{product.categories.join(", ")}</td>
            {can_change.then(|| view! {
                <td>
                    <div class="status-actions">
                    {changes
                        .iter()
                        .map(|&(status, verb)| {
                            let label = format!("{verb} {number}");
                            view! {
                                <ActionForm action=set_status attr:class="inline">
                                    <input type="hidden" name="product_id" value=id.to_string() />
                                    <input type="hidden" name="status" value=status.code() />
                                    <button type="submit" class="quiet" aria-label=label>{verb}</button>
                                </ActionForm>
                            }
                        })
                        .collect_view()}
                    </div>
                </td>
            })}
        </tr>
    }
}
