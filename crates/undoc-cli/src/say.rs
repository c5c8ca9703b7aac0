//! Every line the program prints about a file, a symbol or a failure goes
//! through here, escaped: a file name holding a newline cannot forge a second
//! line of output, nor an ESC sequence reach the terminal raw.

use std::fmt::Write;

/// `text` with control characters (newlines, ESC, DEL, C1), and the bidirectional
/// overrides that reorder a line on screen, written as escapes.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// One line on standard error: `undoc: ` and the message, escaped.
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("undoc: {}", escaped(&message.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_forge_a_line_or_drive_the_terminal() {
        assert_eq!(
            escaped("a\nundoc: forged.pdf: ok\u{1b}[2J"),
            "a\\nundoc: forged.pdf: ok\\u{1b}[2J"
        );
        assert_eq!(
            escaped("Résolution 822 (1993).pdf"),
            "Résolution 822 (1993).pdf"
        );
        assert_eq!(escaped("x\u{202e}fdp.exe"), "x\\u{202e}fdp.exe");
    }
}
