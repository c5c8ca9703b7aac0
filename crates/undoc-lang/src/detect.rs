//! The language of a text from its script and commonest short words: what
//! the parser trusts over a file's name (`A_78_354.en.pdf` is Spanish).

/// The language of a text, from its commonest short words and its script.
/// Enough to tell the six official languages apart on a whole document; the
/// first few kilobytes of body are plenty.
pub fn detect(text: &str) -> &'static str {
    let sample = &text[..text.floor_char_boundary(6_000)];
    if !sample.is_ascii() {
        let (mut cyrillic, mut arabic, mut cjk, mut latin) = (0usize, 0usize, 0usize, 0usize);
        for c in sample.chars() {
            match c {
                '\u{0400}'..='\u{04FF}' => cyrillic += 1,
                '\u{0600}'..='\u{06FF}' => arabic += 1,
                '\u{4E00}'..='\u{9FFF}' => cjk += 1,
                c if c.is_ascii_alphabetic() => latin += 1,
                _ => {}
            }
        }
        let most = cyrillic.max(arabic).max(cjk);
        if most > latin {
            return if most == cyrillic {
                "ru"
            } else if most == arabic {
                "ar"
            } else {
                "zh"
            };
        }
    }
    let (mut en, mut fr, mut es, mut de) = (0usize, 0usize, 0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        match word {
            "the" | "of" | "and" | "to" | "is" | "that" => en += 1,
            "le" | "la" | "les" | "des" | "et" | "du" | "est" => fr += 1,
            "el" | "los" | "las" | "del" | "y" | "que" | "por" => es += 1,
            // German: not official, but the UN issues resolutions in it too.
            "der" | "die" | "und" | "das" | "den" | "zu" | "von" | "mit" => de += 1,
            _ => {}
        }
    }
    let most = en.max(fr).max(es).max(de);
    if most == en || most == 0 {
        "en"
    } else if most == fr {
        "fr"
    } else if most == es {
        "es"
    } else {
        "de"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(
            detect("The Council further demanded the withdrawal of the forces"),
            "en"
        );
        assert_eq!(
            detect("Le Conseil de sécurité et les États membres des Nations Unies"),
            "fr"
        );
        assert_eq!(
            detect("El Consejo de Seguridad y los Estados miembros de las Naciones"),
            "es"
        );
        assert_eq!(detect("Совет Безопасности"), "ru");
    }
}
