//! The bar over the grid while assets are selected: how many, Select all matching, and the bulk
//! actions, each asking what it needs in a dialog before it starts.

use crate::domain::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::{
    AssetsLocation, Changes, bulk_report::showing_report, filters_panel::FilterCounts, modal::Modal,
    selection::Selection,
};
use crate::api::{bulk::start_bulk_change, catalogs::list_catalogs};
use crate::domain::{AppError, Availability, BulkReport};
use crate::ui::{
    ErrorMessage,
    category_checklist::{CategoryChecklist, CategorySearch, Choosing},
    select_products::Linking,
};

/// A bulk action to start: its form name and value.
type Start = (&'static str, String);

#[component]
pub fn BulkBar(can_manage: bool) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let location = expect_context::<AssetsLocation>();
    let FilterCounts(counts) = expect_context::<FilterCounts>();
    let total = move || counts.get().and_then(Result::ok).map(|facets| facets.total);
    let chosen = move || selection.to_selection(&location.current());
    let count = move || match (selection.is_all_matching(), total()) {
        (true, Some(total)) => format!("All {total} matching assets selected"),
        (true, None) => "All matching assets selected".to_owned(),
        (false, _) => match selection.picked_count() {
            1 => "1 asset selected".to_owned(),
            n => format!("{n} assets selected"),
        },
    };
    let more_to_select =
        move || !selection.is_all_matching() && total().is_some_and(|total| total > selection.picked_count() as u64);
    let zip_href = move || {
        chosen()
            .map(|chosen| paths::zip(&chosen.to_query()))
            .unwrap_or_default()
    };
    let start = start_action(selection, location);
    view! {
        <Show when=move || !selection.is_empty()>
            <section class="bulk-bar" aria-label="Bulk actions">
                <p class="bulk-count" role="status">{count}</p>
                <Show when=more_to_select>
                    <button type="button" class="quiet" on:click=move |_| selection.select_all_matching()>
                        {move || match total() {
                            Some(total) => format!("Select all {total} matching"),
                            None => "Select all matching".to_owned(),
                        }}
                    </button>
                </Show>
                <button type="button" class="quiet" on:click=move |_| selection.clear()>"Clear selection"</button>
                <div class="bulk-actions">
                    {can_manage.then(|| view! { <ManagerActions start /> })}
                    <a class="button quiet" href=zip_href download="assets.zip">"Download as ZIP"</a>
                </div>
            </section>
        </Show>
    }
}

/// Starts a bulk action on what is selected; when it answers, the selection clears, the grid
/// reloads and the page shows the change's report (`?bulk=ID`), which a reload keeps.
fn start_action(selection: Selection, location: AssetsLocation) -> Action<Start, Result<BulkReport, AppError>> {
    let start = Action::new(move |(action, value): &Start| {
        let chosen = selection.to_selection(&location.current_untracked());
        let (action, value) = (action.to_string(), value.clone());
        async move {
            let chosen = chosen.ok_or_else(|| AppError::Validation("Select at least one asset.".into()))?;
            start_bulk_change(chosen.to_query(), action, value).await
        }
    });
    let navigate = use_navigate();
    let here = use_location();
    let changes = expect_context::<Changes>();
    Effect::new(move |_| {
        if let Some(Ok(report)) = start.value().get() {
            selection.clear();
            changes.assets_changed();
            let address = showing_report(
                &here.pathname.get_untracked(),
                &here.search.get_untracked(),
                Some(report.id),
            );
            navigate(&address, Default::default());
        }
    });
    start
}

/// The actions that change assets, for roles that may.
#[component]
fn ManagerActions(start: Action<Start, Result<BulkReport, AppError>>) -> impl IntoView {
    let open = |_: ()| RwSignal::new(false);
    let (availability, add_labels, remove_labels, categories, delete) =
        (open(()), open(()), open(()), open(()), open(()));
    let button = move |label: &'static str, dialog: RwSignal<bool>| {
        view! {
            <button type="button" class="quiet" aria-haspopup="dialog" on:click=move |_| dialog.set(true)>
                {label}
            </button>
        }
    };
    Effect::new(move |_| {
        if let Some(Ok(_)) = start.value().get() {
            for dialog in [availability, add_labels, remove_labels, categories, delete] {
                dialog.set(false);
            }
        }
    });
    let location = expect_context::<AssetsLocation>();
    let selection = expect_context::<Selection>();
    let products_href = move || {
        selection
            .to_selection(&location.current())
            .map(|chosen| Linking::Selected(chosen.to_query()).href(""))
            .unwrap_or_default()
    };
    view! {
        {button("Set availability", availability)}
        {button("Add labels", add_labels)}
        {button("Remove labels", remove_labels)}
        <a class="button quiet" href=products_href>"Link to products"</a>
        {button("Add to categories", categories)}
        {button("Delete", delete)}
        <Modal open=availability title="Set availability".to_owned()>
            <AvailabilityForm start />
        </Modal>
        <Modal open=add_labels title="Add labels".to_owned()>
            <LabelsForm start action="add_labels" submit="Add labels" />
        </Modal>
        <Modal open=remove_labels title="Remove labels".to_owned()>
            <LabelsForm start action="remove_labels" submit="Remove labels" />
        </Modal>
        <Modal open=categories title="Add to categories".to_owned()>
            <CategoriesForm start />
        </Modal>
        <Modal open=delete title="Delete assets".to_owned()>
            <DeleteForm start />
        </Modal>
    }
}

/// What went wrong with the last start, and the submit button (busy while it runs).
#[component]
fn Submit(start: Action<Start, Result<BulkReport, AppError>>, label: &'static str) -> impl IntoView {
    view! {
        {move || start.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        <div class="modal-actions">
            <button type="submit" disabled=move || start.pending().get()>
                {move || if start.pending().get() { "Working…" } else { label }}
            </button>
        </div>
    }
}

#[component]
fn AvailabilityForm(start: Action<Start, Result<BulkReport, AppError>>) -> impl IntoView {
    let chosen = RwSignal::new(Availability::Internal);
    view! {
        <form
            class="bulk-form"
            on:submit=move |event| {
                event.prevent_default();
                start.dispatch(("set_availability", chosen.get_untracked().code().to_owned()));
            }
        >
            <fieldset>
                <legend>"New availability"</legend>
                {Availability::ALL
                    .into_iter()
                    .map(|availability| {
                        let id = format!("bulk-availability-{}", availability.code());
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="availability"
                                    id=id.clone()
                                    value=availability.code()
                                    prop:checked=move || chosen.get() == availability
                                    on:change=move |_| chosen.set(availability)
                                />
                                <label for=id>{availability.to_string()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Submit start label="Set availability" />
        </form>
    }
}

#[component]
fn LabelsForm(
    start: Action<Start, Result<BulkReport, AppError>>,
    action: &'static str,
    submit: &'static str,
) -> impl IntoView {
    let labels = RwSignal::new(String::new());
    let id = format!("bulk-{action}");
    view! {
        <form
            class="bulk-form"
            on:submit=move |event| {
                event.prevent_default();
                start.dispatch((action, labels.get_untracked()));
            }
        >
            <label for=id.clone()>"Labels, separated by commas"</label>
            <input
                id=id
                type="text"
                required
                prop:value=labels
                on:input=move |event| labels.set(event_target_value(&event))
            />
            <Submit start label=submit />
        </form>
    }
}

#[component]
fn CategoriesForm(start: Action<Start, Result<BulkReport, AppError>>) -> impl IntoView {
    let trees = Resource::new(|| (), |()| list_catalogs());
    let choosing = Choosing::new([], String::new());
    view! {
        <CategorySearch choosing />
        <form
            class="bulk-form categories"
            on:submit=move |event| {
                event.prevent_default();
                let ids: Vec<String> = choosing.selection.read_untracked().selected().map(|id| id.0.to_string()).collect();
                start.dispatch(("add_to_categories", ids.join(",")));
            }
        >
            <Suspense fallback=|| view! { <p class="loading">"Loading categories…"</p> }>
                {move || Suspend::new(async move {
                    match trees.await {
                        Ok(trees) => view! { <CategoryChecklist trees choosing /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
            <Submit start label="Add to categories" />
        </form>
    }
}

#[component]
fn DeleteForm(start: Action<Start, Result<BulkReport, AppError>>) -> impl IntoView {
    view! {
        <form
            class="bulk-form"
            on:submit=move |event| {
                event.prevent_default();
                start.dispatch(("delete", String::new()));
            }
        >
            <p>
                "The selected assets and all their versions will be deleted. Public assets are skipped, and the report names them."
            </p>
            <Submit start label="Delete assets" />
        </form>
    }
}
