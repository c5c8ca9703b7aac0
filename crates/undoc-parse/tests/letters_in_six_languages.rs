//! Letters in the five official languages other than English, as the UN
//! phrases them (passages written for these tests after the UN's usage in
//! each language: title, masthead, circulation request, signature, annex).
//! Each must come out as a letter with every field right; the real Spanish
//! and Russian letters of the corpus (S/2023/664, S/2024/228) are in the
//! snapshots and in `corpus_others.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_model::{DocType, Record};

mod common;

use common::parse_text as parse;

fn signers(r: &Record) -> Vec<(&str, Vec<&str>)> {
    r.signatories
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.titles.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

const FRENCH: &str = r#"
Nations Unies                                                         A/75/871–S/2021/423
Assemblée générale                                        Distr. générale
Conseil de sécurité                                       11 mai 2021
                                                          Français
                                                          Original : anglais

Assemblée générale                                        Conseil de sécurité
Soixante-quinzième session                                Soixante-seizième année
Points 34 et 35 de l’ordre du jour

Prévention des conflits armés

Conflits prolongés dans la région du GUAM


          Lettre datée du 7 mai 2021, adressée au Secrétaire général par le
          Représentant permanent de l’Azerbaïdjan auprès de l’Organisation
          des Nations Unies

               J’ai l’honneur de vous faire tenir ci-joint la déclaration du Ministère des
          affaires étrangères de la République d’Azerbaïdjan concernant l’Arménie (voir annexe).
               Je vous serais reconnaissant de bien vouloir faire distribuer le texte de la
          présente lettre et de son annexe comme document de l’Assemblée générale, au
          titre des points 34 et 35 de l’ordre du jour, et du Conseil de sécurité.

                                                      (Signé) Yashar Aliyev
                                                            Ambassadeur
                                                  Représentant permanent

          Annexe à la lettre datée du 7 mai 2021 adressée au Secrétaire
          général par le Représentant permanent de l’Azerbaïdjan auprès de
          l’Organisation des Nations Unies

               La déclaration du Ministère porte sur la résolution 822 (1993) du Conseil de sécurité.

                                                      (Signé) Jeyhun Bayramov
                                                     Ministre des affaires étrangères
"#;

const SPANISH: &str = r#"
Naciones Unidas                                                       A/79/912–S/2025/301
Asamblea General                                          Distr. general
Consejo de Seguridad                                      14 de mayo de 2025
                                                          Español
                                                          Original: francés

Asamblea General                                          Consejo de Seguridad
Septuagésimo noveno período de sesiones                   Octogésimo año
Tema 68 del programa

Derecho de los pueblos a la libre determinación

          Cartas idénticas de fecha 9 de mayo de 2025 dirigidas al Secretario
          General y a la Presidencia del Consejo de Seguridad por la
          Representante Permanente de Marruecos ante las Naciones Unidas

               Tengo el honor de señalar a su atención la situación descrita en el anexo.
               Le agradecería que tuviera a bien hacer distribuir la presente carta y su anexo
          como documento de la Asamblea General, en relación con el tema 68 del programa,
          y del Consejo de Seguridad.

                                                      (Firmado) Leila Benali
                                                           Embajadora
                                                  Representante Permanente

          Anexo de las cartas idénticas de fecha 9 de mayo de 2025 dirigidas al
          Secretario General y a la Presidencia del Consejo de Seguridad

               El Reino de Marruecos reafirma su compromiso con la resolución 2756 (2024).
"#;

const RUSSIAN: &str = r#"
Организация Объединенных Наций                                        A/80/95–S/2025/410
Генеральная Ассамблея                                     Distr.: General
Совет Безопасности                                        20 June 2025
                                                          Russian
                                                          Original: Russian

Генеральная Ассамблея                                     Совет Безопасности
Восьмидесятая сессия                                      Восьмидесятый год
Пункты 35 и 40 предварительной повестки дня

Затяжные конфликты в регионе ГУАМ

Положение на оккупированных территориях Азербайджана

          Письмо Постоянного представителя Российской Федерации при
          Организации Объединенных Наций от 18 июня 2025 года на имя
          Генерального секретаря и Председателя Совета Безопасности

               Имею честь препроводить настоящим заявление Министерства иностранных дел
          Российской Федерации (см. приложение).
               Буду признателен за распространение настоящего письма и приложения к нему в
          качестве документа Генеральной Ассамблеи по пунктам 35 и 40 предварительной
          повестки дня и документа Совета Безопасности.

                                                      (Подпись) Василий Небензя

          Приложение к письму Постоянного представителя Российской Федерации
          при Организации Объединенных Наций от 18 июня 2025 года на имя
          Генерального секретаря и Председателя Совета Безопасности

               Российская Федерация напоминает о резолюции 2231 (2015) Совета Безопасности.
"#;

const ARABIC: &str = r#"
الأمم المتحدة                                                          A/79/880–S/2025/250
الجمعية العامة                                            Distr.: General
مجلس الأمن                                                22 April 2025
                                                          Arabic
                                                          Original: Arabic

الجمعية العامة                                            مجلس الأمن
الدورة التاسعة والسبعون                                    السنة الثمانون
البند 35 من جدول الأعمال

الحالة في الشرق الأوسط

          رسالة مؤرخة 21 نيسان/أبريل 2025 موجهة إلى الأمين العام ورئيس مجلس
          الأمن من الممثل الدائم لمصر لدى الأمم المتحدة

               أتشرف بأن أحيل إليكم طيه بيان وزارة الخارجية لجمهورية مصر العربية (انظر المرفق).
               وأرجو ممتنا تعميم هذه الرسالة ومرفقها بوصفهما وثيقة من وثائق الجمعية العامة، في
          إطار البند 35 من جدول الأعمال، ومن وثائق مجلس الأمن.

                                                      (توقيع) أسامة عبد الخالق
                                                              السفير
                                                        المندوب الدائم

          مرفق الرسالة المؤرخة 21 نيسان/أبريل 2025 الموجهة إلى الأمين العام
          ورئيس مجلس الأمن من الممثل الدائم لمصر لدى الأمم المتحدة

               تؤكد مصر التزامها بقرار مجلس الأمن 2334 (2016).
"#;

const CHINESE: &str = r#"
联合国                                                                 A/79/870–S/2025/233
大会                                                      Distr.: General
安全理事会                                                16 April 2025
                                                          Chinese
                                                          Original: Chinese

大会                                                      安全理事会
第七十九届会议                                            第八十年
议程项目35和40

GUAM地区的持久冲突

阿塞拜疆被占领领土局势

          2025年4月14日中国常驻联合国代表给秘书长和安全理事会主席的相同信函

               谨随函转递中华人民共和国外交部的声明（见附件）。
               请将本函及其附件作为大会议程项目35和40及安全理事会的文件分发为荷。

                                                      （签名）傅聪

          2025年4月14日中国常驻联合国代表给秘书长和安全理事会主席的相同信函的附件

               中国重申支持安全理事会第2231(2015)号决议。
"#;

#[test]
fn a_french_letter() {
    let r = parse("fr.txt", FRENCH);
    assert_eq!(r.doc_type, DocType::Letter);
    assert_eq!(
        (r.language.as_str(), r.original_language.as_deref()),
        ("fr", Some("en"))
    );
    assert_eq!(r.symbols, ["A/75/871", "S/2021/423"]);
    assert_eq!(r.date.as_deref(), Some("2021-05-11"));
    let letter = r.letter.as_ref().expect("letter fields");
    assert_eq!(letter.date.as_deref(), Some("2021-05-07"));
    assert_eq!(
        letter.sender.as_deref(),
        Some("Représentant permanent de l’Azerbaïdjan auprès de l’Organisation des Nations Unies")
    );
    assert_eq!(letter.sender_state.as_deref(), Some("Azerbaijan"));
    assert_eq!(letter.addressees, ["Secrétaire général"]);
    assert_eq!(
        signers(&r),
        [(
            "Yashar Aliyev",
            vec!["Ambassadeur", "Représentant permanent"]
        )]
    );
    let circulation = r.circulation.as_ref().expect("circulation request");
    assert_eq!(circulation.organs, ["A", "S"]);
    assert_eq!(circulation.agenda_items, [34, 35]);
    let numbers: Vec<u32> = r.agenda_items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [34, 35]);
    assert_eq!(
        r.agenda_items[0].title.as_deref(),
        Some("Prévention des conflits armés")
    );
}

#[test]
fn spanish_identical_letters_to_two_addressees() {
    let r = parse("es.txt", SPANISH);
    assert_eq!(r.doc_type, DocType::IdenticalLetters);
    assert_eq!(
        (r.language.as_str(), r.original_language.as_deref()),
        ("es", Some("fr"))
    );
    assert_eq!(r.date.as_deref(), Some("2025-05-14"));
    let letter = r.letter.as_ref().expect("letter fields");
    assert_eq!(letter.date.as_deref(), Some("2025-05-09"));
    assert_eq!(
        letter.sender.as_deref(),
        Some("Representante Permanente de Marruecos ante las Naciones Unidas")
    );
    assert_eq!(letter.sender_state.as_deref(), Some("Morocco"));
    assert_eq!(
        letter.addressees,
        ["Secretario General", "Presidencia del Consejo de Seguridad"]
    );
    assert_eq!(
        signers(&r),
        [(
            "Leila Benali",
            vec!["Embajadora", "Representante Permanente"]
        )]
    );
    let circulation = r.circulation.as_ref().expect("circulation request");
    assert_eq!(
        (
            circulation.organs.as_slice(),
            circulation.agenda_items.as_slice()
        ),
        (&["A".to_owned(), "S".to_owned()][..], &[68][..])
    );
}

#[test]
fn a_russian_letter_names_its_sender_in_the_genitive() {
    let r = parse("ru.txt", RUSSIAN);
    assert_eq!(r.doc_type, DocType::Letter);
    assert_eq!(
        (r.language.as_str(), r.original_language.as_deref()),
        ("ru", Some("ru"))
    );
    let letter = r.letter.as_ref().expect("letter fields");
    assert_eq!(letter.date.as_deref(), Some("2025-06-18"));
    assert_eq!(
        letter.sender.as_deref(),
        Some("Постоянного представителя Российской Федерации при Организации Объединенных Наций")
    );
    assert_eq!(letter.sender_state.as_deref(), Some("Russian Federation"));
    assert_eq!(
        letter.addressees,
        ["Генерального секретаря", "Председателя Совета Безопасности"]
    );
    assert_eq!(signers(&r), [("Василий Небензя", vec![])]);
    let circulation = r.circulation.as_ref().expect("circulation request");
    assert_eq!(circulation.organs, ["A", "S"]);
    assert_eq!(circulation.agenda_items, [35, 40]);
    assert!(
        r.paragraphs
            .iter()
            .any(|p| p.kind == undoc_model::ParagraphKind::Annex)
    );
}

#[test]
fn an_arabic_letter_with_attached_prepositions() {
    let r = parse("ar.txt", ARABIC);
    assert_eq!(r.doc_type, DocType::Letter);
    assert_eq!(
        (r.language.as_str(), r.original_language.as_deref()),
        ("ar", Some("ar"))
    );
    let letter = r.letter.as_ref().expect("letter fields");
    assert_eq!(letter.date.as_deref(), Some("2025-04-21"));
    assert_eq!(
        letter.sender.as_deref(),
        Some("الممثل الدائم لمصر لدى الأمم المتحدة")
    );
    // "لمصر": "of Egypt", the preposition attached to the name.
    assert_eq!(letter.sender_state.as_deref(), Some("Egypt"));
    assert_eq!(letter.addressees, ["الأمين العام", "رئيس مجلس الأمن"]);
    assert_eq!(
        signers(&r),
        [("أسامة عبد الخالق", vec!["السفير", "المندوب الدائم"])]
    );
    let circulation = r.circulation.as_ref().expect("circulation request");
    assert_eq!(circulation.organs, ["A", "S"]);
    assert_eq!(circulation.agenda_items, [35]);
}

/// Two bugs these passages showed: the title "2025年4月14日…的相同信函" was
/// taken for the masthead's date line (a Chinese date was read out of any
/// cell holding one), and a title in another language did not end the title
/// blocks, so the body (whose sentences end with "。") ran into it.
#[test]
fn chinese_identical_letters_open_with_their_date() {
    let r = parse("zh.txt", CHINESE);
    assert_eq!(r.doc_type, DocType::IdenticalLetters);
    assert_eq!(
        r.title.as_deref(),
        Some("2025年4月14日中国常驻联合国代表给秘书长和安全理事会主席的相同信函")
    );
    let letter = r.letter.as_ref().expect("letter fields");
    assert_eq!(letter.date.as_deref(), Some("2025-04-14"));
    assert_eq!(letter.sender.as_deref(), Some("中国常驻联合国代表"));
    assert_eq!(letter.sender_state.as_deref(), Some("China"));
    assert_eq!(letter.addressees, ["秘书长", "安全理事会主席"]);
    assert_eq!(signers(&r), [("傅聪", vec![])]);
    let circulation = r.circulation.as_ref().expect("circulation request");
    assert_eq!(circulation.organs, ["A", "S"]);
    assert_eq!(circulation.agenda_items, [35, 40]);
}

/// A UN official speaks for no State, in any language.
#[test]
fn officials_speak_for_no_state() {
    for title in [
        "Lettre datée du 3 mars 2025, adressée à la Présidente du Conseil de sécurité par le Secrétaire général",
        "Carta de fecha 3 de marzo de 2025 dirigida a la Presidencia del Consejo de Seguridad por el Secretario General",
        "Письмо Генерального секретаря от 3 марта 2025 года на имя Председателя Совета Безопасности",
        "رسالة مؤرخة 3 آذار/مارس 2025 موجهة إلى رئيس مجلس الأمن من الأمين العام",
        "2025年3月3日秘书长给安全理事会主席的信",
    ] {
        let letter =
            undoc_parse::letter_from_title(title).unwrap_or_else(|| panic!("not read: {title}"));
        assert_eq!(letter.date.as_deref(), Some("2025-03-03"), "{title}");
        assert_eq!(letter.sender_state, None, "{title}");
        assert_eq!(
            letter.addressees.len(),
            1,
            "{title}: {:?}",
            letter.addressees
        );
    }
}
