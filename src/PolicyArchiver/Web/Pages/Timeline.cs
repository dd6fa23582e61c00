using System.Globalization;
using System.Text;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// A server-rendered SVG chart: one row per document, its availability over time (reachable,
/// failing, blocked) and a dot per version, each dot a link to that version. People see an outage
/// or a burst of edits at a glance, without JavaScript.
/// </summary>
internal static class Timeline
{
    public sealed record Row(string Label, string Href, IReadOnlyList<Observation> Observations, IReadOnlyList<DocumentVersion> Versions, Func<DocumentVersion, string> VersionHref);

    private const int Width = 960, LabelWidth = 230, RowHeight = 26, AxisHeight = 30, Right = 12;

    public static string Svg(IReadOnlyList<Row> rows)
    {
        var t = SiteText.Current;
        var instants = rows.SelectMany(r => r.Observations.Select(o => o.At).Concat(r.Versions.Select(v => v.CapturedAt))).ToList();
        if (instants.Count == 0) return $"<p class=\"muted\">{Html.E(t.NothingCapturedYet)}</p>";
        var start = instants.Min();
        var end = instants.Max();
        if (end - start < TimeSpan.FromMinutes(2)) (start, end) = (start - TimeSpan.FromMinutes(1), end + TimeSpan.FromMinutes(1));
        var pad = (end - start) * 0.02;
        (start, end) = (start - pad, end + pad);
        var plot = Width - LabelWidth - Right;
        double X(DateTimeOffset at) => LabelWidth + (at - start).TotalSeconds / (end - start).TotalSeconds * plot;

        var height = AxisHeight + rows.Count * RowHeight + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{Html.E(t.TimelineLabel)}\">\n");
        svg.Append("<title>").Append(Html.E(t.TimelineLegend)).Append("</title>\n");
        foreach (var (at, label) in Ticks(start, end))
        {
            var x = X(at);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x:0.#}\" y1=\"{AxisHeight - 6}\" x2=\"{x:0.#}\" y2=\"{height - 4}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x:0.#}\" y=\"{AxisHeight - 12}\" text-anchor=\"middle\">{Html.E(label)}</text>\n");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = AxisHeight + i * RowHeight;
            var mid = y + RowHeight / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"{Html.E(row.Href)}\"><text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{mid + 4}\" text-anchor=\"end\">{Html.E(row.Label)}</text></a>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"track\" x1=\"{LabelWidth}\" y1=\"{mid}\" x2=\"{Width - Right}\" y2=\"{mid}\"/>\n");
            foreach (var span in Spans(row.Observations))
            {
                var x1 = X(span.From);
                var w = Math.Max(3, X(span.To) - x1);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{span.Class}\" x=\"{x1:0.#}\" y=\"{mid - 5}\" width=\"{w:0.#}\" height=\"10\"><title>{Html.E(span.Title)}</title></rect>\n");
            }
            foreach (var v in row.Versions)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<a href=\"{Html.E(row.VersionHref(v))}\"><circle class=\"version{(v.Technical ? " technical" : "")}\" cx=\"{X(v.CapturedAt):0.#}\" cy=\"{mid}\" r=\"6\"><title>{Html.E(SiteText.F(t.TimelineVersion, row.Label, v.Number, Html.Time(v.CapturedAt), v.Added, v.Removed))}</title></circle></a>\n");
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private sealed record Span(DateTimeOffset From, DateTimeOffset To, string Class, string Title);

    /// <summary>Runs of attempts that went the same way; a run lasts until the next attempt that went otherwise.</summary>
    private static IEnumerable<Span> Spans(IReadOnlyList<Observation> observations)
    {
        var ordered = observations.OrderBy(o => o.At).ToList();
        var i = 0;
        while (i < ordered.Count)
        {
            var kind = Kind(ordered[i].Outcome);
            var j = i;
            while (j + 1 < ordered.Count && Kind(ordered[j + 1].Outcome) == kind) j++;
            var to = j + 1 < ordered.Count ? ordered[j + 1].At : ordered[j].At;
            var outcomes = string.Join(", ", ordered.Skip(i).Take(j - i + 1).GroupBy(o => o.Outcome).Select(g => $"{Badges.OutcomeName(g.Key)} ×{g.Count()}"));
            yield return new Span(ordered[i].At, to, kind, $"{Html.Time(ordered[i].At)} – {Html.Time(ordered[j].At)}: {outcomes}");
            i = j + 1;
        }
    }

    private static string Kind(Outcome outcome) => outcome switch
    {
        Outcome.Ok => "up",
        Outcome.Blocked => "blocked",
        _ => "down",
    };

    /// <summary>About six labelled instants at a round unit that suits the range.</summary>
    private static IEnumerable<(DateTimeOffset, string)> Ticks(DateTimeOffset start, DateTimeOffset end)
    {
        var range = end - start;
        (TimeSpan step, string format) = range.TotalDays switch
        {
            > 400 => (TimeSpan.FromDays(365.25 / 12 * Math.Ceiling(range.TotalDays / 30.4 / 6)), "yyyy-MM"),
            > 40 => (TimeSpan.FromDays(Math.Ceiling(range.TotalDays / 6)), "yyyy-MM-dd"),
            > 2 => (TimeSpan.FromDays(Math.Ceiling(range.TotalDays / 6)), "MM-dd"),
            _ when range.TotalHours > 6 => (TimeSpan.FromHours(Math.Ceiling(range.TotalHours / 6)), "MM-dd HH:00"),
            _ => (TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(range.TotalMinutes / 6))), "HH:mm"),
        };
        var t = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
        while (t < start) t += step;
        for (; t <= end; t += step) yield return (t, t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }
}
