//! The search: a substring of an asset's name, code, description, labels or file name, in any
//! case. Every asset's text lies in one run of memory, one text after another, so a search is one
//! pass of a vectorised substring finder over it rather than a call per asset; a text replaced
//! by a newer one stays behind until the run is rewritten without such leftovers.

use memchr::memmem;
use roaring::RoaringBitmap;

use super::index::Doc;
use crate::server::db::search_facts::StoredFacts;

/// The text the search looks in, lower case, one field per line so that a search never matches
/// across two of them (a search is one line).
pub fn search_text(facts: &StoredFacts) -> String {
    [
        facts.name.as_str(),
        &facts.code,
        &facts.description,
        &facts.labels.join(" "),
        &facts.file_name,
    ]
    .join("\n")
    .to_lowercase()
}

#[derive(Default)]
pub struct Texts {
    run: Vec<u8>,
    /// Where each piece of the run starts and whose it was, in the run's order.
    starts: Vec<(u32, Doc)>,
    /// Where each document's current text starts and ends.
    current: Vec<Option<(u32, u32)>>,
    leftover: usize,
}

impl Texts {
    pub fn put(&mut self, doc: Doc, text: &str) {
        self.take_out(doc);
        if self.leftover > self.run.len() / 2 && self.leftover > 1 << 20 {
            self.rewrite();
        }
        let start = self.run.len() as u32;
        self.run.extend_from_slice(text.as_bytes());
        // Texts are apart by a line end, which no search holds.
        self.run.push(b'\n');
        let end = start + text.len() as u32;
        if self.current.len() <= doc as usize {
            self.current.resize(doc as usize + 1, None);
        }
        self.current[doc as usize] = Some((start, end));
        self.starts.push((start, doc));
    }

    pub fn take_out(&mut self, doc: Doc) {
        if let Some(slot) = self.current.get_mut(doc as usize)
            && let Some((start, end)) = slot.take()
        {
            self.leftover += (end - start) as usize + 1;
        }
    }

    /// The documents whose text holds `term` (lower case, no line end).
    pub fn matching(&self, term: &str) -> RoaringBitmap {
        let finder = memmem::Finder::new(term.as_bytes());
        let mut found = RoaringBitmap::new();
        let mut piece = 0;
        for at in finder.find_iter(&self.run) {
            let at = at as u32;
            // The piece this match is in: the last one starting at or before it.
            while piece + 1 < self.starts.len() && self.starts[piece + 1].0 <= at {
                piece += 1;
            }
            let (_, doc) = self.starts[piece];
            if let Some(Some((start, end))) = self.current.get(doc as usize)
                && *start <= at
                && at < *end
            {
                found.insert(doc);
            }
        }
        found
    }

    /// The run again with only current texts.
    fn rewrite(&mut self) {
        let mut run = Vec::with_capacity(self.run.len() - self.leftover);
        let mut starts = Vec::with_capacity(self.starts.len());
        let mut current = vec![None; self.current.len()];
        for &(old_start, doc) in &self.starts {
            // Only the piece a document's current text starts at is kept.
            if let Some(Some((start, end))) = self.current.get(doc as usize).copied()
                && start == old_start
            {
                let new_start = run.len() as u32;
                run.extend_from_slice(&self.run[start as usize..end as usize]);
                run.push(b'\n');
                current[doc as usize] = Some((new_start, new_start + (end - start)));
                starts.push((new_start, doc));
            }
        }
        self.run = run;
        self.starts = starts;
        self.current = current;
        self.leftover = 0;
    }
}
