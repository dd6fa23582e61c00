using System.CommandLine;
using System.Text;
using PolicyArchiver.Insight.Coverage;
using PolicyArchiver.Insight.Language;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

/// <summary>
/// <c>coverage [--only COMPANY] [--json]</c>: per company, each document type by language —
/// archived, served in the wrong language, unreachable, not captured yet or missing — and whether
/// the company links a public archive of its previous versions. What researchers score as
/// "available in the state language".
/// </summary>
internal static class CoverageCommand
{
    public static Command Create(Handler handler)
    {
        var only = new Option<string?>("--only") { Description = "Only this COMPANY", HelpName = "COMPANY" };
        var command = new Command("coverage",
            "Per company, document type × language (kk, ru, en): archived, served-in-wrong-language (detected from the latest version's text), unreachable, not-captured or missing; and whether the company links previous versions of its documents")
        {
            only, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var targets = await context.LoadTargetsAsync(ct);
            var id = context.Parse.GetValue(only);
            var companies = targets.Companies.Where(c => string.IsNullOrEmpty(id) || c.Id == id).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            if (companies.Count == 0) throw new CliException(ExitCodes.BadInput, $"--only {id}: no such company in {context.TargetsFile}");
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var builder = new CoverageBuilder(archive);
            var coverage = new List<CompanyCoverage>();
            foreach (var company in companies) coverage.Add(await builder.BuildAsync(CoveredCompany.From(company), ct));

            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(coverage.Select(CoverageJson.From)));
                return ExitCodes.Ok;
            }
            foreach (var c in coverage) await context.Out.WriteAsync(Table(c));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A company as a plain-text table: a row per type, a column per language, padded for a terminal.</summary>
    private static string Table(CompanyCoverage c)
    {
        var languages = c.Cells.Select(x => x.Language).Distinct().ToList();
        List<string[]> rows = [["", .. languages]];
        foreach (var type in c.Cells.GroupBy(x => x.Type))
            rows.Add([type.Key, .. languages.Select(l => Describe(type.Where(x => x.Language == l).ToList()))]);
        var widths = Enumerable.Range(0, languages.Count + 1).Select(i => rows.Max(r => r[i].Length)).ToList();

        var text = new StringBuilder().Append(c.Name).Append(" (").Append(c.Company).Append(")\n");
        foreach (var row in rows) text.Append(("  " + string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i])))).TrimEnd()).Append('\n');
        text.Append("  public archive of previous versions: ").Append(c.PublicArchive.Linked ? "linked" : "not linked").Append('\n');
        foreach (var e in c.PublicArchive.Evidence) text.Append("    ").Append(e.Document).Append(": «").Append(e.Text).Append("» → ").Append(e.Url).Append('\n');
        return text.Append('\n').ToString();
    }

    private static string Describe(IReadOnlyList<CoverageCell> cells) =>
        cells.Count == 1 ? Describe(cells[0]) : string.Join("; ", cells.Select(x => $"{x.Document?.Split('/')[1]}: {Describe(x)}"));

    private static string Describe(CoverageCell cell) => cell.State switch
    {
        CoverageStates.ServedInWrongLanguage => $"serves {cell.Detected!.Language} ({cell.Detected.Shares})",
        CoverageStates.Unreachable => $"unreachable: {cell.LastOutcome}" + (cell.Since is { } since ? $" since {Format.Time(since)}" : ""),
        CoverageStates.NotCaptured => "not captured yet",
        CoverageStates.Archived when cell.Detected is { Language: DetectedLanguages.Mixed } d => $"archived, mixed ({d.Shares})",
        _ => cell.State,
    };
}
