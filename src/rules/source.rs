//! Where each value sits in a rule file: a map from a value's path (`rules[2].course.visits`)
//! to its byte span, built with a YAML event parser so validation can point at the very text
//! that is wrong, which serde alone cannot do.

use crate::span::Span;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// How many nodes aliases may add to a file beyond those written in it. Aliases repeat
/// what an anchor names; nested, a few lines can stand for billions of values (issue 11).
pub const ALIAS_NODE_LIMIT: usize = 10_000;

/// Spans of values and keys by path.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
    duplicates: Vec<(String, Span)>,
    /// The first alias past which the file's aliases add more than [`ALIAS_NODE_LIMIT`]
    /// nodes, and how many nodes they add in all.
    amplified: Option<(Span, usize)>,
}

impl Positions {
    /// Index `src`; a file that does not parse gives an empty index (serde reports the error).
    pub fn index(src: &str) -> Positions {
        Positions::parse(src).unwrap_or_default()
    }

    /// Index `src`, or say where its YAML syntax breaks: the byte span and the parser's words.
    /// An unclosed `[` or `{` is reported at the bracket itself, where the mistake is, rather
    /// than where the parser gave up.
    pub fn parse(src: &str) -> Result<Positions, (Span, String)> {
        let mut builder = Builder { src, char_to_byte: char_offsets(src), ..Default::default() };
        let mut parser = Parser::new_from_str(src);
        match parser.load(&mut builder, false) {
            Ok(()) => Ok(builder.out),
            Err(e) => {
                let at = builder.char_to_byte.get(e.marker().index()).copied().unwrap_or(src.len());
                if let Some(open) = unclosed_bracket(src, at) {
                    let c = &src[open..open + 1];
                    return Err((Span::new(open, open + 1), format!("this `{c}` is never closed")));
                }
                let end = src[at..].find('\n').map(|e| at + e).unwrap_or(src.len()).max(at + 1).min(src.len().max(at));
                Err((Span::new(at.min(src.len()), end), e.info().to_owned()))
            }
        }
    }

    /// Where aliases (`*name`) start to add more than [`ALIAS_NODE_LIMIT`] nodes to the file,
    /// and how many they add in all (saturating).
    pub fn alias_amplification(&self) -> Option<(Span, usize)> {
        self.amplified
    }

    /// Keys written twice in one mapping: the path and the second occurrence.
    pub fn duplicate_keys(&self) -> &[(String, Span)] {
        &self.duplicates
    }

    /// The span of the value at `path`, or of its nearest indexed ancestor.
    pub fn value(&self, path: &str) -> Option<Span> {
        let mut p = path.to_owned();
        loop {
            if let Some(s) = self.values.get(&p) {
                return Some(*s);
            }
            p = parent(&p)?;
        }
    }

    /// The span of the value at exactly `path`, if the file has one there.
    pub fn value_exact(&self, path: &str) -> Option<Span> {
        self.values.get(path).copied()
    }

    /// The span of the key naming `path` (falls back to the value).
    pub fn key(&self, path: &str) -> Option<Span> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }
}

/// The last `[` or `{` before `upto` that no bracket closes (quotes and comments skipped).
fn unclosed_bracket(src: &str, upto: usize) -> Option<usize> {
    let mut stack: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    // A quote opens a quoted scalar only where a value starts ("patient's" has no quote).
    let mut value_start = true;
    for (i, c) in src[..upto.min(src.len())].char_indices() {
        let starts = value_start;
        if !c.is_whitespace() {
            value_start = matches!(c, ':' | '[' | '{' | ',' | '-');
        } else if c == '\n' {
            value_start = true;
        }
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if starts => quote = Some(c),
            (None, '#') => comment = true,
            (None, '[' | '{') => stack.push(i),
            (None, ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.last().copied()
}

fn parent(path: &str) -> Option<String> {
    let cut = path.rfind(['.', '['])?;
    Some(path[..cut].to_owned())
}

fn char_offsets(src: &str) -> Vec<usize> {
    let mut v: Vec<usize> = src.char_indices().map(|(i, _)| i).collect();
    v.push(src.len());
    v
}

enum Frame {
    Map { path: String, pending_key: Option<(String, Span)> },
    Seq { path: String, next: usize },
}

#[derive(Default)]
struct Builder<'a> {
    src: &'a str,
    char_to_byte: Vec<usize>,
    stack: Vec<Frame>,
    /// Start of the mapping or sequence currently open, by path.
    open: Vec<(String, usize)>,
    out: Positions,
    /// Nodes read so far, aliases counted as the nodes they stand for (saturating).
    nodes: usize,
    /// Nodes aliases have added (saturating).
    added: usize,
    /// Size in nodes of each anchored value, by anchor id.
    anchors: HashMap<usize, usize>,
    /// Anchored collections still open: anchor id and `nodes` at their start.
    anchored: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn byte(&self, m: &Marker) -> usize {
        self.char_to_byte.get(m.index()).copied().unwrap_or(self.src.len())
    }

    /// The path of the value about to be read, or None when it is a mapping key.
    fn next_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { path, pending_key }) => pending_key.take().map(|(k, key_span)| {
                let p = if path.is_empty() { k } else { format!("{path}.{k}") };
                if self.out.keys.insert(p.clone(), key_span).is_some() {
                    self.out.duplicates.push((p.clone(), key_span));
                }
                p
            }),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
        }
    }

    fn scalar_span(&self, start: usize, value: &str, style: TScalarStyle) -> Span {
        // The marker sits on the scalar's first character (or its opening quote).
        let rest = &self.src[start.min(self.src.len())..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let len = match style {
            TScalarStyle::Plain if !value.is_empty() && rest.starts_with(value) => value.len(),
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
                rest[1..line_end.max(1)].find(&rest[..1]).map(|e| e + 2).unwrap_or(line_end)
            }
            _ => line_end,
        };
        Span::new(start, start + len.max(1).min(rest.len()))
    }
}

impl Builder<'_> {
    /// Count nodes, aliases as the size of what they repeat.
    fn count(&mut self, ev: &Event, at: usize) {
        match ev {
            Event::Scalar(_, _, anchor, _) => {
                self.nodes = self.nodes.saturating_add(1);
                if *anchor > 0 {
                    self.anchors.insert(*anchor, 1);
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.anchored.push((*anchor, self.nodes));
                self.nodes = self.nodes.saturating_add(1);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = self.anchored.pop() {
                    if anchor > 0 {
                        self.anchors.insert(anchor, self.nodes - start);
                    }
                }
            }
            Event::Alias(anchor) => {
                let size = self.anchors.get(anchor).copied().unwrap_or(1);
                self.nodes = self.nodes.saturating_add(size);
                self.added = self.added.saturating_add(size);
                if self.added > ALIAS_NODE_LIMIT {
                    let span = Span::new(at, (at + 1).min(self.src.len()).max(at));
                    let first = self.out.amplified.map_or(span, |(s, _)| s);
                    self.out.amplified = Some((first, self.added));
                }
            }
            _ => {}
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = self.byte(&mark);
        self.count(&ev, at);
        match ev {
            Event::Scalar(value, style, ..) => {
                let span = self.scalar_span(at, &value, style);
                match self.next_path() {
                    Some(p) => {
                        self.out.values.insert(p, span);
                    }
                    None => {
                        if let Some(Frame::Map { pending_key, .. }) = self.stack.last_mut() {
                            let key_span = Span::new(at, at + value.len());
                            *pending_key = Some((value, key_span));
                        }
                    }
                }
            }
            Event::MappingStart(..) => {
                let p = self.next_path().unwrap_or_default();
                self.open.push((p.clone(), at));
                self.stack.push(Frame::Map { path: p, pending_key: None });
            }
            Event::SequenceStart(..) => {
                let p = self.next_path().unwrap_or_default();
                self.open.push((p.clone(), at));
                self.stack.push(Frame::Seq { path: p, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                if let Some((p, start)) = self.open.pop() {
                    // A collection's span is its first line: enough to point at it.
                    let line_end = self.src[start..].find('\n').map(|e| start + e).unwrap_or(self.src.len());
                    self.out.values.entry(p).or_insert(Span::new(start, line_end.max(start + 1).min(self.src.len())));
                }
            }
            Event::Alias(_) => {
                let _ = self.next_path();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_aliases_are_counted_as_what_they_repeat() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..6u8 {
            let (name, prev) = ((b'a' + i) as char, (b'a' + i - 1) as char);
            src.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
        }
        let p = Positions::parse(&src).expect("valid YAML");
        let (span, added) = p.alias_amplification().expect("amplified");
        assert!(added > 1_000_000, "{added}");
        assert!(src[span.start..].starts_with('*'), "points at an alias");
        let small = Positions::parse("a: &a [x, y]\nb: *a\nc: *a\n").expect("valid YAML");
        assert_eq!(small.alias_amplification(), None);
    }

    #[test]
    fn finds_nested_values() {
        let src = "rules:\n  - id: a\n    course:\n      visits: {min: 9, max: 10}\n  - id: b\n";
        let p = Positions::index(src);
        let s = p.value("rules[0].course.visits.max").expect("indexed");
        assert_eq!(&src[s.start..s.start + 2], "10");
        let s = p.value("rules[1].id").expect("indexed");
        assert_eq!(&src[s.start..s.end], "b");
        let k = p.key("rules[0].course").expect("indexed");
        assert_eq!(&src[k.start..k.end], "course");
    }
}
