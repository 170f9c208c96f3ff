//! A pattern's reading for ASCII haystacks (see the parent module): its syntax translated in
//! ASCII mode, so that its classes hold ASCII members only and its word boundaries are ASCII
//! ones. `build.rs` reads this file too, to build the DFAs of [`super::prebuilt`] at compile
//! time from the very syntax the run-time compile translates: the two cannot drift apart.

use regex_syntax::ast::Ast;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The pattern for ASCII haystacks: parsed in ASCII mode where it can be; a pattern with a
/// character past ASCII in it (a dash or a quote in a class) is parsed as written and its
/// classes cut down to ASCII.
pub(super) fn ascii_hir(source: &str, ast: Option<&Ast>) -> Option<Hir> {
    let ascii_parse = |s: &str| regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(s).ok();
    // `ast` is the pattern's syntax tree as `ascii_parse` reads it (read for the gate; `None`
    // when the pattern does not parse): translated here, and not parsed again, whether the
    // translation succeeds or fails.
    ast.and_then(|ast| ascii_translation(source, ast))
        .or_else(|| ascii_source(source).and_then(|s| ascii_parse(&s)))
        .or_else(|| regex_syntax::Parser::new().parse(source).ok().map(|h| to_ascii(&h)))
}

/// `ast` (the syntax of `source`) translated in ASCII mode, when it has no character past ASCII.
pub(super) fn ascii_translation(source: &str, ast: &Ast) -> Option<Hir> {
    regex_syntax::hir::translate::TranslatorBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .translate(source, ast)
        .ok()
}

/// The pattern with every character past ASCII (written or escaped, `’`, `\u{2013}`) made the
/// byte 0x80, which an ASCII haystack never holds: in a class or out of one, it then matches
/// there exactly what the character did, nothing, and the pattern parses in ASCII mode. Parsing
/// such a pattern as written, with Unicode case folding for every letter, took five times as
/// long (issue 14). `None` when there is nothing to replace, or when a character would fold to
/// an ASCII one under `(?i)` (the Kelvin sign and the long s), which 0x80 would not.
pub(super) fn ascii_source(source: &str) -> Option<String> {
    let mut out = String::with_capacity(source.len() + 16);
    let mut replaced = false;
    let mut chars = source.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '\\' {
            let Some(&(at, e)) = chars.peek() else {
                out.push(c);
                break;
            };
            if matches!(e, 'x' | 'u' | 'U') {
                let rest = &source[at + 1..];
                let (digits, len) = match rest.strip_prefix('{') {
                    Some(r) => {
                        let end = r.find('}')?;
                        (&r[..end], end + 2)
                    }
                    None => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        (rest.get(..n)?, n)
                    }
                };
                let value = u32::from_str_radix(digits, 16).ok()?;
                if value > 0x7f {
                    if matches!(value, 0x17f | 0x212a) {
                        return None;
                    }
                    out.push_str("\\x80");
                    replaced = true;
                    // The escape's letter, then its digits (and braces).
                    for _ in 0..=len {
                        chars.next();
                    }
                    continue;
                }
            }
            out.push(c);
            out.push(e);
            chars.next();
        } else if c.is_ascii() {
            out.push(c);
        } else {
            if matches!(c, '\u{17f}' | '\u{212a}') {
                return None;
            }
            out.push_str("\\x80");
            replaced = true;
        }
    }
    replaced.then_some(out)
}

/// The pattern for ASCII haystacks: every class cut down to its ASCII members, every word
/// boundary an ASCII one.
fn to_ascii(h: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Repetition};
    match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0.clone()),
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut c = c.clone();
            c.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7f)]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Look(l) => Hir::look(match l {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(to_ascii(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(to_ascii(&c.sub)), ..c.clone() }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(to_ascii).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(to_ascii).collect()),
    }
}
