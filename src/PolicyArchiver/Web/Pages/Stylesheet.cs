namespace PolicyArchiver.Web.Pages;

/// <summary>
/// The one stylesheet: plain, readable, print-friendly. The font stack covers Kazakh Cyrillic
/// (ә ғ қ ң ө ұ ү һ і) on every common system; policy text is hyphenated by its own language.
/// </summary>
internal static class Stylesheet
{
    public const string Css = """
        :root { --fg:#1b1f24; --muted:#5f6b76; --line:#d8dee4; --bg:#fff; --accent:#0b5cad; --add:#dafbe1; --addfg:#116329; --del:#ffebe9; --delfg:#a40e26; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.55 "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; gap: 2rem; align-items: baseline; padding: .8rem 1.5rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
        header .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
        header nav a { margin-right: 1rem; }
        header nav.languages { margin-left: auto; }
        header nav.languages a { margin: 0 .3rem; }
        header nav.languages a[aria-current] { color: var(--fg); font-weight: 600; text-decoration: none; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        footer { color: var(--muted); font-size: .85rem; padding: 1rem 1.5rem; border-top: 1px solid var(--line); }
        .crumbs { max-width: 72rem; margin: .6rem auto 0; padding: 0 1.5rem; font-size: .9rem; color: var(--muted); }
        a { color: var(--accent); }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 .5rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
        .lede { color: var(--muted); }
        .muted { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
        thead th { font-weight: 600; border-bottom: 2px solid var(--line); }
        .matrix td.wrong-language { background: #fff8e6; }
        .matrix td.missing { color: var(--delfg); background: #fff5f5; font-style: italic; }
        .badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .8rem; background: #eef1f4; color: var(--fg); white-space: nowrap; }
        .badge.ok { background: var(--add); color: var(--addfg); }
        .badge.not-found, .badge.http-error, .badge.network-error, .badge.timeout, .badge.down { background: var(--del); color: var(--delfg); }
        .badge.blocked, .badge.partial { background: #fff1d6; color: #8a5300; }
        .badge.technical { background: #eef; color: #334; }
        .badge.archived { background: var(--add); color: var(--addfg); }
        .badge.missing, .badge.unreachable { background: var(--del); color: var(--delfg); }
        .badge.served-in-wrong-language { background: #fff1d6; color: #8a5300; }
        .warning { margin: 1rem 0; padding: .6rem .9rem; border-left: 4px solid #f0a640; background: #fff1d6; color: #5c3700; }
        .add { color: var(--addfg); } .del { color: var(--delfg); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        code { font: .85rem/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        .policy { max-width: 46rem; hyphens: auto; overflow-wrap: break-word; }
        .policy p { margin: .5rem 0; }
        .scroll { overflow-x: auto; }
        table.diff { font: .9rem/1.45 "Noto Sans", "DejaVu Sans", sans-serif; table-layout: fixed; }
        table.diff td { border: none; padding: .1rem .4rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        table.diff col.ln { width: 3.4rem; } table.diff col.mark { width: 1.4rem; }
        table.diff td.ln { color: var(--muted); text-align: right; user-select: none; }
        table.diff td.mark { color: var(--muted); }
        table.diff tr.del td:last-child, table.diff td.del { background: var(--del); }
        table.diff tr.ins td:last-child, table.diff td.ins { background: var(--add); }
        table.diff del { background: #ffc1c0; color: var(--delfg); text-decoration: line-through; }
        table.diff ins { background: #abf2bc; color: var(--addfg); text-decoration: none; }
        table.diff td.empty { background: #f6f8fa; }
        table.diff tr.fold td { color: var(--muted); background: #f6f8fa; text-align: center; font-style: italic; }
        .pager a { margin-right: 1rem; }
        .sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
        .sides img { max-width: 100%; max-height: 40rem; object-fit: cover; object-position: top; border: 1px solid #ddd; }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
        form.filters label { display: flex; flex-direction: column; font-size: .9em; }
        ol.results > li { margin: 0 0 1.2rem; } ol.results h2 { font-size: 1.05em; margin: 0; } blockquote.snippet { margin: .4rem 0; } mark { background: #fde68a; }
        svg.timeline { max-width: 100%; font: 12px "Noto Sans", "DejaVu Sans", sans-serif; }
        svg.timeline .grid { stroke: #eef1f4; } svg.timeline .tick { fill: var(--muted); }
        svg.timeline .label { fill: var(--accent); } svg.timeline .track { stroke: var(--line); }
        svg.timeline .up { fill: #8fd19e; } svg.timeline .down { fill: #e5534b; } svg.timeline .blocked { fill: #f0a640; }
        svg.timeline .version { fill: var(--accent); stroke: #fff; stroke-width: 2; } svg.timeline .version.technical { fill: #9aa5b1; }
        iframe.raw { width: 100%; height: 32rem; border: 1px solid var(--line); }
        iframe.replay { display: block; width: 100%; height: 40rem; border: 1px solid var(--line); resize: vertical; overflow: auto; }
        iframe.replay.full { height: 80vh; }
        .replay-banner { border-left: 4px solid var(--accent); padding: .2rem 0 .2rem 1rem; margin-bottom: 1rem; }
        img.screenshot { max-width: 100%; border: 1px solid var(--line); }
        iframe.screenshot { width: 100%; height: 48rem; border: 1px solid var(--line); }
        .sides iframe.screenshot { height: 40rem; }
        form.at input { font: inherit; padding: .2rem .4rem; width: 16rem; }
        form.at button, form button { font: inherit; }
        @media print { header nav, footer, form { display: none; } }
        time .utc { color: #666; font-size: .85em; }
        /* On a phone, wide tables scroll inside their own box instead of pushing the page sideways. */
        @media (max-width: 40rem) {
          table { display: block; overflow-x: auto; max-width: 100%; }
          table.diff td, .clauses td { min-width: 12rem; }
          header nav a { display: inline-block; margin: .2rem .4rem .2rem 0; }
          .sides { grid-template-columns: 1fr; }
        }
        """;
}
