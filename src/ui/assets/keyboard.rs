//! Arrow keys move between the grid's cards; Enter opens the focused one (it is a link).

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

/// Handles a key pressed inside the list of cards.
pub fn move_between_cards(event: KeyboardEvent) {
    let Some(current) = event.target().and_then(|target| target.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let Some(card) = current.closest(".asset-card").ok().flatten() else {
        return;
    };
    let Some(list) = card.parent_element() else {
        return;
    };
    let links = list.query_selector_all(".asset-card > a").ok();
    let links: Vec<HtmlElement> = (0..links.as_ref().map_or(0, |l| l.length()))
        .filter_map(|i| links.as_ref()?.get(i)?.dyn_into::<HtmlElement>().ok())
        .collect();
    let Some(at) = links.iter().position(|link| link == &current) else {
        return;
    };
    let top = |link: &HtmlElement| link.get_bounding_client_rect().top();
    let left = |link: &HtmlElement| link.get_bounding_client_rect().left();
    let target = match event.key().as_str() {
        "ArrowRight" => links.get(at + 1),
        "ArrowLeft" => at.checked_sub(1).and_then(|i| links.get(i)),
        // The card in the next (or previous) row that is closest in column.
        "ArrowDown" => closest_in_row(&links[at + 1..], top(&current), left(&current), top, left, |t, row| {
            t > row
        }),
        "ArrowUp" => closest_in_row(&links[..at], top(&current), left(&current), top, left, |t, row| t < row),
        _ => return,
    };
    if let Some(target) = target {
        event.prevent_default();
        let _ = target.focus();
    }
}

fn closest_in_row(
    candidates: &[HtmlElement],
    row: f64,
    column: f64,
    top: impl Fn(&HtmlElement) -> f64,
    left: impl Fn(&HtmlElement) -> f64,
    beyond: impl Fn(f64, f64) -> bool,
) -> Option<&HtmlElement> {
    let next_row = candidates
        .iter()
        .map(&top)
        .filter(|t| beyond(*t, row))
        .min_by(|a, b| (a - row).abs().total_cmp(&(b - row).abs()))?;
    candidates
        .iter()
        .filter(|link| (top(link) - next_row).abs() < 1.0)
        .min_by(|a, b| (left(a) - column).abs().total_cmp(&(left(b) - column).abs()))
}
