//! `pairlint report --html FILE`: one self-contained HTML page (inline CSS and SVG, no
//! scripts, no network) with the coverage heatmap, the length-ratio chart and the findings.

use std::fmt::Write as _;

use crate::diagnostic::path_str;
use crate::diagnostic::{Diagnostic, Summary};
use crate::engine::stats::Stats;
use crate::language::taxonomy::Taxonomy;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Twenty colours that stay apart from their neighbours (the Tableau 20 palette).
const PALETTE: [&str; 20] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d", "#f1ce63",
    "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e",
];

/// A stable colour per family, by its place in the taxonomy.
fn family_colour(taxonomy: &Taxonomy, family: &str) -> String {
    let i = taxonomy
        .families
        .keys()
        .position(|f| f == family)
        .unwrap_or(PALETTE.len() - 1);
    PALETTE[i % PALETTE.len()].to_string()
}

pub fn render(
    stats: &Stats,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    taxonomy: &Taxonomy,
    tolerance_percent: u32,
) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>pairlint report</title><style>\
         body{{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1400px}}\
         h1{{font-size:1.6rem}} h2{{font-size:1.2rem;margin-top:2rem}}\
         table{{border-collapse:collapse;font-size:.85rem}}\
         th,td{{border:1px solid #ddd;padding:.25rem .45rem;text-align:left}}\
         th.emotion{{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;white-space:nowrap}}\
         td.cell{{width:1.6rem;height:1.6rem;text-align:center}}\
         .legend span{{display:inline-block;margin:0 .8rem .3rem 0}}\
         .swatch{{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem;border:1px solid #999}}\
         td.heat{{width:2.2rem;text-align:right}} td.own{{outline:2px solid #222;outline-offset:-2px}}\
         .scatter{{color:#b00020;font-weight:600}}\
         .error{{color:#b00020;font-weight:600}} .warning{{color:#a15c00;font-weight:600}} .info{{color:#1f5fa8}}\
         </style></head><body>\n<h1>pairlint report</h1>\n<p id=\"summary\">{}</p>\n",
        escape(&summary.line())
    );

    // Coverage heatmap: scenarios as rows, emotions (grouped by family) as columns.
    let columns: Vec<(&str, &str)> = stats
        .families
        .iter()
        .flat_map(|f| {
            f.emotions
                .keys()
                .map(move |e| (f.family.as_str(), e.as_str()))
        })
        .collect();
    h.push_str("<h2>Coverage: scenario × emotion, coloured by family</h2>\n<p class=\"legend\">");
    for f in &stats.families {
        let _ = write!(
            h,
            "<span><i class=\"swatch\" style=\"background:{}\"></i>{} ({})</span>",
            family_colour(taxonomy, &f.family),
            escape(&f.family),
            f.variants
        );
    }
    h.push_str("</p>\n<table id=\"coverage\"><thead><tr><th>scenario</th>");
    for (family, emotion) in &columns {
        let _ = write!(
            h,
            "<th class=\"emotion\" title=\"{}\">{}</th>",
            escape(family),
            escape(emotion)
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    for s in &stats.scenarios {
        let _ = write!(h, "<tr><th>{}</th>", escape(&s.scenario));
        for (family, emotion) in &columns {
            match s.variants.iter().find(|v| v.emotion == *emotion) {
                Some(v) => {
                    let ratio = v.ratio.map_or_else(|| "-".into(), |r| format!("{r:.2}"));
                    let _ = write!(
                        h,
                        "<td class=\"cell\" style=\"background:{}\" title=\"{} / {}: {} words, ratio {}\">●</td>",
                        family_colour(taxonomy, family),
                        escape(&s.scenario),
                        escape(emotion),
                        v.words,
                        ratio
                    );
                }
                None => h.push_str("<td class=\"cell\"></td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n");

    separability_section(&mut h, stats);

    // Length ratio chart: one dot per variant against the tolerance band.
    let tol = f64::from(tolerance_percent) / 100.0;
    let points: Vec<(usize, &str, &str, f64, Option<&str>)> = stats
        .scenarios
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.variants.iter().filter_map(move |v| {
                Some((
                    i,
                    s.scenario.as_str(),
                    v.emotion.as_str(),
                    v.ratio?,
                    v.family.as_deref(),
                ))
            })
        })
        .collect();
    let (lo, hi) = points
        .iter()
        .fold((1.0 - tol - 0.1, 1.0 + tol + 0.1), |(lo, hi), p| {
            (lo.min(p.3 - 0.05), hi.max(p.3 + 0.05))
        });
    let (width, row, left, top) = (900.0, 26.0, 190.0, 30.0);
    let height = top * 2.0 + row * stats.scenarios.len().max(1) as f64;
    let x = |r: f64| left + (r - lo) / (hi - lo) * (width - left - 20.0);
    let _ = write!(
        h,
        "<h2>Length ratio per variant (words / baseline words), band ±{tolerance_percent}%</h2>\n\
         <svg id=\"ratios\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"length ratios\">\n\
         <rect x=\"{:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#e6f4ea\"/>\n\
         <line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"#5a9\" stroke-dasharray=\"4 3\"/>\n",
        x(1.0 - tol),
        x(1.0 + tol) - x(1.0 - tol),
        height - 2.0 * top,
        x(1.0),
        x(1.0),
        height - top
    );
    for r in [1.0 - tol, 1.0, 1.0 + tol] {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{r:.2}</text>",
            x(r),
            top - 8.0
        );
    }
    for (i, s) in stats.scenarios.iter().enumerate() {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            left - 10.0,
            top + row * (i as f64 + 0.5) + 4.0,
            escape(&s.scenario)
        );
    }
    for (i, scenario, emotion, ratio, family) in &points {
        let inside = (ratio - 1.0).abs() <= tol + 1e-9;
        let _ = writeln!(
            h,
            "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"><title>{} / {}: {ratio:.2}</title></circle>",
            x(*ratio),
            top + row * (*i as f64 + 0.5),
            family.map_or_else(|| "#999".to_string(), |f| family_colour(taxonomy, f)),
            if inside { "#333" } else { "#b00020" },
            if inside { 1 } else { 3 },
            escape(scenario),
            escape(emotion)
        );
    }
    h.push_str("</svg>\n");

    // Findings.
    let _ = writeln!(
        h,
        "<h2>Findings ({})</h2>\n<table id=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>location</th><th>message</th></tr></thead><tbody>",
        diagnostics.len()
    );
    for d in diagnostics {
        let place = match d.location.start() {
            Some(p) => format!("{}:{}:{}", path_str(&d.location.path), p.line, p.column),
            None => path_str(&d.location.path),
        };
        let _ = writeln!(
            h,
            "<tr><td class=\"{0}\">{0}</td><td><code>{1}</code></td><td><code>{2}</code></td><td>{3}</td></tr>",
            d.severity,
            escape(d.rule),
            escape(&place),
            escape(&d.message)
        );
    }
    if diagnostics.is_empty() {
        h.push_str("<tr><td colspan=\"4\">No findings.</td></tr>\n");
    }
    h.push_str("</tbody></table>\n</body></html>\n");
    h
}

/// The family model's view (engine/stats.rs `Separability`): a table of separability and
/// cohesion per family, and the confusion matrix as a heatmap, each row shaded by the share of
/// the family's variants in each column.
fn separability_section(h: &mut String, stats: &Stats) {
    h.push_str("<h2>Family separability: which families a steering vector will find</h2>\n");
    let Some(sep) = &stats.separability else {
        let _ = writeln!(
            h,
            "<p id=\"separability\">Needs two families with variants in {} scenarios or more.</p>",
            crate::language::family_model::MIN_SCENARIOS
        );
        return;
    };
    let scattering = sep.scattering();
    let _ = write!(
        h,
        "<p>Each variant is predicted from the words it adds to its baseline by a model learned \
         from the other scenarios (naive Bayes, each scenario held out in turn). Chance is {:.1}%.",
        sep.chance * 100.0
    );
    if scattering.is_empty() {
        h.push_str(" No family is likely to scatter.</p>\n");
    } else {
        let _ = writeln!(
            h,
            " <span class=\"scatter\">Likely to scatter: {}.</span></p>",
            escape(&scattering.join(", "))
        );
    }
    h.push_str(
        "<table id=\"separability\"><thead><tr><th>family</th><th>variants</th><th>scenarios</th>\
         <th>predicted as itself</th><th>cohesion</th><th></th></tr></thead><tbody>\n",
    );
    for f in &sep.families {
        let _ = writeln!(
            h,
            "<tr><th>{}</th><td>{}</td><td>{}</td><td>{:.1}%</td><td>{:+.3}</td><td>{}</td></tr>",
            escape(&f.family),
            f.variants,
            f.scenarios,
            f.separability * 100.0,
            f.cohesion,
            if f.likely_to_scatter {
                "<span class=\"scatter\">likely to scatter</span>"
            } else {
                ""
            }
        );
    }
    h.push_str("</tbody></table>\n<h3>Confusion: named family (rows) × what it reads as (columns)</h3>\n<table id=\"confusion\"><thead><tr><th>named \\ reads as</th>");
    for f in &sep.families {
        let _ = write!(h, "<th class=\"emotion\">{}</th>", escape(&f.family));
    }
    h.push_str("</tr></thead><tbody>\n");
    for (i, row) in sep.confusion.iter().enumerate() {
        let total: usize = row.iter().sum();
        let _ = write!(h, "<tr><th>{}</th>", escape(&sep.families[i].family));
        for (j, &n) in row.iter().enumerate() {
            let share = if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            };
            // White to deep blue by share; white text on the dark half.
            let _ = write!(
                h,
                "<td class=\"heat{}\" style=\"background:rgba(31,95,168,{share:.3});color:{}\" title=\"{} read as {}: {n} of {total} ({:.1}%)\">{n}</td>",
                if i == j { " own" } else { "" },
                if share > 0.5 { "#fff" } else { "#222" },
                escape(&sep.families[i].family),
                escape(&sep.families[j].family),
                share * 100.0
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stats::compute;
    use crate::engine::stats::tests::two_family_corpus;

    fn page(scenarios: usize, separable: bool) -> String {
        let taxonomy = Taxonomy::bundled();
        let stats = compute(&two_family_corpus(scenarios, separable), &taxonomy);
        render(&stats, &[], &Summary::default(), &taxonomy, 20)
    }

    #[test]
    fn confusion_heatmap_shades_rows_and_marks_the_diagonal() {
        let page = page(8, true);
        let table = &page[page.find("<table id=\"confusion\">").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert_eq!(table.matches("<td class=\"heat").count(), 4);
        assert_eq!(table.matches("<td class=\"heat own\"").count(), 2);
        assert!(table.contains(
            "style=\"background:rgba(31,95,168,1.000);color:#fff\" title=\"anger read as anger: 8 of 8 (100.0%)\">8</td>"
        ));
        assert!(table.contains("title=\"anger read as social_pos: 0 of 8 (0.0%)\">0</td>"));
        assert!(page.contains("No family is likely to scatter."));
    }

    #[test]
    fn scattering_families_are_called_out_and_small_corpora_say_why_there_is_no_matrix() {
        let page = page(8, false);
        assert!(page.contains("Likely to scatter: anger, social_pos.</span>"));
        assert_eq!(page.matches(">likely to scatter</span>").count(), 2);
        let small = super::tests::page(4, true);
        assert!(small.contains("<p id=\"separability\">Needs two families"));
        assert!(!small.contains("id=\"confusion\""));
    }
}
