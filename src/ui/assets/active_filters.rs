//! Above the grid: the active criteria as pills, each with × to drop it, Clear all, and how many
//! assets match.

use leptos::prelude::*;

use super::{AssetsLocation, filters_panel::FilterCounts};
use crate::domain::{AssetFacets, AssetFilter};

#[component]
pub fn ActiveFilters() -> impl IntoView {
    let location = expect_context::<AssetsLocation>();
    let FilterCounts(counts) = expect_context::<FilterCounts>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let facets = counts.await.unwrap_or_default();
                let filter = location.current();
                let open = location.asset.get_untracked().map(|id| (id, location.tab.get_untracked()));
                let pills = filter
                    .criteria()
                    .into_iter()
                    .map(|(key, value)| {
                        let text = pill_text(&facets, key, &value);
                        let href = location.href(&filter.without(key, &value), open);
                        let label = format!("Remove filter {text}");
                        view! {
                            <li>
                                <a class="pill" href=href aria-label=label>
                                    {text}
                                    <span aria-hidden="true">" ×"</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                let clear = AssetsLocation::address(None, &AssetFilter { sort: filter.sort, ..AssetFilter::default() }, open);
                let matching = match facets.total {
                    1 => "1 asset".to_owned(),
                    n => format!("{n} assets"),
                };
                view! {
                    <div class="active-filters" role="status">
                        <span class="matching">{matching}</span>
                        {filter.is_filtered().then(|| view! {
                            <ul class="pills" aria-label="Active filters">{pills}</ul>
                            <a class="clear-all" href=clear>"Clear all"</a>
                        })}
                    </div>
                }
            })}
        </Transition>
    }
}

/// How a criterion reads: the panel's label for it, or what the URL says.
fn pill_text(facets: &AssetFacets, key: &str, value: &str) -> String {
    if let Some(label) = facets.label_of(key, value) {
        return label.to_owned();
    }
    match key {
        "q" => format!("\u{201c}{value}\u{201d}"),
        "from" => format!("Added from {value}"),
        "to" => format!("Added until {value}"),
        "product" => format!("Product {value}"),
        _ => value.to_owned(),
    }
}
