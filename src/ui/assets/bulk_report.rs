//! A bulk change's progress and report (`?bulk=ID`): a bar while it runs, which a reload keeps,
//! then what was done, skipped and failed, naming each asset that was not changed.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use std::time::Duration;

use super::Changes;
use crate::api::bulk::bulk_change_report;
use crate::domain::{BulkChangeId, BulkProblem, BulkReport, Outcome};
use crate::ui::ErrorMessage;

/// How often a running change is asked for its progress.
const POLL: Duration = Duration::from_secs(1);

#[component]
pub fn BulkReportView() -> impl IntoView {
    let query = use_query_map();
    let id = Memo::new(move |_| query.read().get("bulk").and_then(|id| id.parse::<i64>().ok()));
    let tick = RwSignal::new(0_u32);
    let report = Resource::new(
        move || (id.get(), tick.get()),
        |(id, _)| async move {
            match id {
                Some(id) => Some(bulk_change_report(id).await),
                None => None,
            }
        },
    );
    let changes = expect_context::<Changes>();
    let running = RwSignal::new(false);
    // Effects run in the browser only, where timers exist.
    Effect::new(move |_| {
        let unfinished = matches!(report.get(), Some(Some(Ok(report))) if !report.is_finished());
        if unfinished {
            running.set(true);
            set_timeout(move || tick.update(|n| *n += 1), POLL);
        } else if running.get_untracked() {
            // It ended while the page watched: the grid shows what it changed.
            running.set(false);
            changes.assets_changed();
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match report.await {
                    None => ().into_any(),
                    Some(Ok(report)) => view! { <ReportCard report /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ReportCard(report: BulkReport) -> impl IntoView {
    let here = use_location();
    let close = move || showing_report(&here.pathname.get(), &here.search.get(), None);
    let finished = report.is_finished();
    let title = report.action.to_string();
    let more = report.skipped + report.failed - report.problems.len() as u64;
    view! {
        <section class="bulk-report" aria-labelledby="bulk-report-heading">
            <header>
                <h2 id="bulk-report-heading">{title}</h2>
                <a class="button quiet" href=close>"Close"</a>
            </header>
            {(!finished).then(|| view! {
                <progress
                    max=report.total.to_string()
                    value=report.handled().to_string()
                    aria-label="Progress of the change"
                ></progress>
            })}
            <p role="status">{report.summary()}</p>
            {(!report.problems.is_empty()).then(|| view! {
                <ul class="bulk-problems">
                    {report.problems.into_iter().map(|problem| view! { <Problem problem /> }).collect_view()}
                </ul>
            })}
            {(more > 0).then(|| view! { <p class="hint">{format!("And {more} more.")}</p> })}
        </section>
    }
}

/// This page's address (`path` and `search`) showing the report of `change`, or no report.
pub fn showing_report(path: &str, search: &str, change: Option<BulkChangeId>) -> String {
    let kept = form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .into_owned()
        .filter(|(key, _)| key != "bulk");
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(kept);
    if let Some(change) = change {
        query.append_pair("bulk", &change.0.to_string());
    }
    format!("{path}?{}", query.finish())
}

#[component]
fn Problem(problem: BulkProblem) -> impl IntoView {
    let (what, reason) = match problem.outcome {
        Outcome::Skipped(reason) => ("skipped", reason),
        Outcome::Failed(reason) => ("failed", reason),
        Outcome::Done => ("done", String::new()),
    };
    view! {
        <li class=format!("problem {what}")>
            <strong>{problem.asset_name}</strong>
            {format!(" {what}: {reason}")}
        </li>
    }
}
