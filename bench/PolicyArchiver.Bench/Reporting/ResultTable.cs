using System.Text;

namespace PolicyArchiver.Bench.Reporting;

/// <summary>The figures as a table: fixed-width for the terminal, Markdown for BENCHMARKS.md.</summary>
public static class ResultTable
{
    public static string Text(IReadOnlyList<Figure> figures)
    {
        var rows = figures.Select(f => new[] { f.Scenario, f.Metric, f.FormattedValue, f.Unit, f.Target, f.Status }).ToList();
        var header = new[] { "scenario", "metric", "value", "unit", "target", "status" };
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.AppendLine(string.Join("  ", cells.Select((c, i) => i == 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var r in rows) Line(r);
        return sb.ToString();
    }

    public static string Markdown(IReadOnlyList<Figure> figures)
    {
        var sb = new StringBuilder("| scenario | metric | value | unit | target | status | how |\n| --- | --- | ---: | --- | --- | --- | --- |\n");
        foreach (var f in figures)
            sb.Append($"| {f.Scenario} | {f.Metric} | {f.FormattedValue} | {f.Unit} | {f.Target} | {(f.Met == false ? "**NOT met**" : f.Status)} | {f.Note.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        return sb.ToString();
    }
}
