use leptos::prelude::*;

/// What a secret just made is shown with, the only time it is shown.
pub struct ShownOnce {
    pub heading: String,
    pub note: &'static str,
    /// What the field is called: "Token", "Signing secret".
    pub label: &'static str,
    pub copy: &'static str,
    pub secret: String,
}

/// A secret just made (an API token, a webhook's signing secret): shown this once, selected
/// when focused, with a button that copies it.
#[component]
pub fn SecretShownOnce(shown: ShownOnce) -> impl IntoView {
    let copied = RwSignal::new(false);
    let secret = shown.secret.clone();
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&secret);
            copied.set(true);
        }
    };
    view! {
        <section class="card new-secret" aria-labelledby="new-secret-heading">
            <h2 id="new-secret-heading">{shown.heading}</h2>
            <p>{shown.note}</p>
            <label class="link-field">
                {shown.label}
                <input readonly value=shown.secret on:focus=|event| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            </label>
            <button type="button" on:click=copy>{shown.copy}</button>
            <span role="status">{move || copied.get().then_some("Copied to the clipboard.")}</span>
        </section>
    }
}
