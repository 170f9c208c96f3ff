//! Where each rule's `id` is written in a rule file, found by a scan of its lines rather than a
//! YAML index: written once for both users, the crate (for a rule file read from its JSON
//! twin, whose positions are found only when asked) and `build.rs`, which includes this file to
//! find the embedded files' ids at build time (issue 14: the scan of the embedded set at every
//! start was 3% of checking one letter).

/// A rule's `id` key and value as byte ranges of the file: key start and end, value start
/// and end.
pub type IdSpans = [usize; 4];

/// The span of each rule's `id` key and value, in order, in a file written as the shipped ones
/// are: a top-level `rules:` list in block style, each rule a mapping whose `id` key starts a
/// line (`- id: name` or `  id: name`), its value a plain word. `None` for any other shape (the
/// caller then indexes the file).
pub fn scan_ids(text: &str) -> Option<Vec<IdSpans>> {
    // "id: name" at `at` in `line` (from `start`): the key's span and the value's.
    let id_at = |line: &str, start: usize, at: usize| -> Option<IdSpans> {
        let after = &line[at + 3..];
        let value = after.trim_start_matches(' ');
        let v = start + line.len() - value.len();
        let len = value.find([' ', '#']).unwrap_or(value.len());
        let word = &value[..len];
        let plain = !word.is_empty()
            && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && (value[len..].trim_start().is_empty() || value[len..].trim_start().starts_with('#'));
        plain.then_some([start + at, start + at + 2, v, v + len])
    };
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_rules = false;
    let mut item_indent: Option<usize> = None;
    let mut id_seen = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = body.len() - trimmed.len();
        if indent == 0 && !trimmed.starts_with('-') {
            if in_rules && !id_seen {
                return None;
            }
            in_rules = trimmed == "rules:";
            continue;
        }
        if !in_rules {
            continue;
        }
        let item = item_indent.get_or_insert(indent);
        if indent == *item && trimmed.starts_with("- ") {
            if !id_seen {
                return None;
            }
            let rest = trimmed[2..].trim_start_matches(' ');
            id_seen = rest.starts_with("id:");
            if id_seen {
                out.push(id_at(body, start, body.len() - rest.len())?);
            }
        } else if indent == *item + 2 && trimmed.starts_with("id:") && !id_seen {
            id_seen = true;
            out.push(id_at(body, start, indent)?);
        } else if indent <= *item {
            return None;
        }
    }
    id_seen.then_some(out)
}
