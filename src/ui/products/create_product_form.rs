use leptos::prelude::*;

use crate::api::products::SaveProduct;
use crate::domain::ProductFields;
use crate::ui::error_message::empty_after_success;

/// A new product starts as Draft; its number is the key it shares with the PIM.
#[component]
pub fn CreateProductForm(action: ServerAction<SaveProduct>) -> impl IntoView {
    let form = NodeRef::new();
    empty_after_success(action.value(), form);
    view! {
        <ActionForm action node_ref=form attr:class="card create-product" attr:aria-label="Create a product">
            <h2>"Create a product"</h2>
            <div class="field">
                <label for="new-product-number">"Number"</label>
                <input
                    id="new-product-number"
                    name="number"
                    autocomplete="off"
                    maxlength=ProductFields::MAX_NUMBER_CHARS
                    required
                />
            </div>
            <div class="field">
                <label for="new-product-name">"Name"</label>
                <input id="new-product-name" name="name" maxlength=ProductFields::MAX_NAME_CHARS required />
            </div>
            <div class="field">
                <label for="new-product-description">"Description"</label>
                <input id="new-product-description" name="description" maxlength=ProductFields::MAX_DESCRIPTION_CHARS />
            </div>
            <button type="submit">"Create product"</button>
        </ActionForm>
    }
}
