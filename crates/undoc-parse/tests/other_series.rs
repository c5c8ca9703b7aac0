//! Mastheads of series other than the letters (the Economic and Social
//! Council's and the Human Rights Council's reports), in the UN's phrasing
//! in each language (passages written for these tests): symbol, date,
//! language, original language, agenda item and title come out right.
//! Regression: a session's dates in French, Spanish, Russian or Arabic
//! ("25 juillet 2024-30 juillet 2025") were not known as masthead lines, so
//! the agenda item under them was lost and the title began with them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_model::DocType;

mod common;

use common::parse_text as parse;

const ECOSOC_EN: &str = r#"
United Nations                                       E/2025/88
Economic and Social Council                          Distr.: General
                                                     12 May 2025
                                                     Original: English
2025 session
25 July 2024–30 July 2025
Agenda item 12 (a)
Coordination, programme and other questions

              Report of the Secretary-General on coordination

The present report is submitted pursuant to Economic and Social Council resolution 2024/15. It describes the activities of the organizations of the United Nations system.
"#;
const ECOSOC_FR: &str = r#"
Nations Unies                                        E/2025/88
Conseil économique et social                         Distr. générale
                                                     12 mai 2025
                                                     Français
                                                     Original : anglais
Session de 2025
25 juillet 2024-30 juillet 2025
Point 12 a) de l'ordre du jour
Coordination, questions relatives au programme et autres questions

              Rapport du Secrétaire général sur la coordination

Le présent rapport est soumis en application de la résolution 2024/15 du Conseil économique et social. Il décrit les activités menées par les organismes du système des Nations Unies.
"#;
const ECOSOC_ES: &str = r#"
Naciones Unidas                                       E/2025/88
Consejo Económico y Social                            Distr. general
                                                      12 de mayo de 2025
                                                      Español
                                                      Original: inglés
Período de sesiones de 2025
25 de julio de 2024 a 30 de julio de 2025
Tema 12 a) del programa
Cuestiones de coordinación, programas y otras cuestiones

              Informe del Secretario General sobre la coordinación

El presente informe se presenta en cumplimiento de la resolución 2024/15 del Consejo Económico y Social. En él se describen las actividades de las organizaciones del sistema de las Naciones Unidas.
"#;
const ECOSOC_RU: &str = r#"
Организация Объединенных Наций                        E/2025/88
Экономический и Социальный Совет                      Distr.: General
                                                      12 May 2025
                                                      Russian
                                                      Original: English
Сессия 2025 года
25 июля 2024 года — 30 июля 2025 года
Пункт 12 (a) повестки дня
Вопросы координации, программные и другие вопросы

              Доклад Генерального секретаря о координации

Настоящий доклад представляется во исполнение резолюции 2024/15 Экономического и Социального Совета. В нем описывается деятельность организаций системы Организации Объединенных Наций.
"#;
const ECOSOC_AR: &str = r#"
الأمم المتحدة                                        E/2025/88
المجلس الاقتصادي والاجتماعي                           Distr.: General
                                                     12 May 2025
                                                     Arabic
                                                     Original: English
دورة عام 2025
25 تموز/يوليه 2024 - 30 تموز/يوليه 2025
البند 12 (أ) من جدول الأعمال
مسائل التنسيق والبرنامج والمسائل الأخرى

              تقرير الأمين العام عن التنسيق

يقدم هذا التقرير عملا بقرار المجلس الاقتصادي والاجتماعي 2024/15. ويصف الأنشطة التي تضطلع بها مؤسسات منظومة الأمم المتحدة في هذا المجال.
"#;
const HRC_EN: &str = r#"
United Nations                                       A/HRC/59/17
General Assembly                                     Distr.: General
                                                     3 April 2025
                                                     Original: French
Human Rights Council
Fifty-ninth session
16 June–11 July 2025
Agenda item 3
Promotion and protection of all human rights

              Report of the Special Rapporteur on the right to education

The present report is submitted to the Human Rights Council pursuant to its resolution 53/7. In it, the Special Rapporteur addresses the right to education.
"#;
const HRC_AR: &str = r#"
الأمم المتحدة                                        A/HRC/59/17
الجمعية العامة                                        Distr.: General
                                                     3 April 2025
                                                     Arabic
                                                     Original: French
مجلس حقوق الإنسان
الدورة التاسعة والخمسون
16 حزيران/يونيه - 11 تموز/يوليه 2025
البند 3 من جدول الأعمال
تعزيز وحماية جميع حقوق الإنسان

              تقرير المقرر الخاص المعني بالحق في التعليم

يقدم هذا التقرير إلى مجلس حقوق الإنسان عملا بقراره 53/7. ويتناول المقرر الخاص فيه الحق في التعليم.
"#;

#[test]
fn an_ecosoc_report_in_five_languages() {
    for (language, text, title) in [
        (
            "en",
            ECOSOC_EN,
            "Report of the Secretary-General on coordination",
        ),
        (
            "fr",
            ECOSOC_FR,
            "Rapport du Secrétaire général sur la coordination",
        ),
        (
            "es",
            ECOSOC_ES,
            "Informe del Secretario General sobre la coordinación",
        ),
        (
            "ru",
            ECOSOC_RU,
            "Доклад Генерального секретаря о координации",
        ),
        ("ar", ECOSOC_AR, "تقرير الأمين العام عن التنسيق"),
    ] {
        let r = parse(&format!("E_2025_88.{language}.txt"), text);
        assert_eq!(r.symbols, ["E/2025/88"], "{language}");
        assert_eq!(r.date.as_deref(), Some("2025-05-12"), "{language}");
        assert_eq!(r.language, language);
        assert_eq!(r.original_language.as_deref(), Some("en"), "{language}");
        assert_eq!(r.doc_type, DocType::Report, "{language}");
        assert_eq!(r.bodies[0].organ, "E", "{language}");
        let items: Vec<(u32, Option<&str>)> = r
            .agenda_items
            .iter()
            .map(|a| (a.number, a.sub.as_deref()))
            .collect();
        assert_eq!(items, [(12, Some("a"))], "{language}");
        assert_eq!(r.title.as_deref(), Some(title), "{language}");
    }
}

#[test]
fn a_human_rights_council_report_in_english_and_arabic() {
    for (language, text, title) in [
        (
            "en",
            HRC_EN,
            "Report of the Special Rapporteur on the right to education",
        ),
        ("ar", HRC_AR, "تقرير المقرر الخاص المعني بالحق في التعليم"),
    ] {
        let r = parse(&format!("A_HRC_59_17.{language}.txt"), text);
        assert_eq!(r.symbols, ["A/HRC/59/17"], "{language}");
        assert_eq!(r.date.as_deref(), Some("2025-04-03"), "{language}");
        assert_eq!(r.language, language);
        assert_eq!(r.original_language.as_deref(), Some("fr"), "{language}");
        assert_eq!(r.bodies[0].organ, "A/HRC", "{language}");
        assert_eq!(
            r.agenda_items.iter().map(|a| a.number).collect::<Vec<_>>(),
            [3],
            "{language}"
        );
        assert_eq!(r.title.as_deref(), Some(title), "{language}");
    }
}
