using PolicyArchiver.Evidence.Ledger;
using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Insight.Discovery;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class DiscoverCommand
{
    /// <summary>The JSON shape of a discovery: a contract, fields are added, never renamed.</summary>
    private sealed record DiscoveryJsonOut(string Company, DateTimeOffset At, string Outcome, string? Detail, IReadOnlyList<VisitedPage> Pages,
        IReadOnlyList<DocumentLinkJson> Documents, IReadOnlyList<DiscoveredLink> Candidates, IReadOnlyList<DiscoveredLink> Links, IReadOnlyList<string> Changes);

    /// <param name="Since">Since when the document has been in this state (linked at this depth, or not linked), across recorded discoveries.</param>
    private sealed record DocumentLinkJson(string Document, string Url, bool Linked, int? Depth, DateTimeOffset? Since);

    private sealed record HistoryJson(string Document, bool Linked, int? Depth, DateTimeOffset Since, DateTimeOffset LastSeen, int Discoveries);

    public static Command Create(Handler handler)
    {
        var only = new Option<string?>("--only") { Description = "Only this company", HelpName = "COMPANY" };
        var write = new Option<bool>("--write") { Description = "Write targets.proposed.json next to the targets: targets.json plus the new candidates, for review (targets.json itself is never edited)" };
        var history = new Option<bool>("--history") { Description = "Print since when each document has been linked or not, from the discoveries recorded so far (no browser)" };
        var chromium = CaptureCommand.ChromiumOption();
        var loopbackOnly = new Option<bool>("--loopback-only") { Description = "Resolve no host but localhost, so nothing leaves the machine (offline tests)" };
        var command = new Command("discover", "Read each company's homepage (and its language variants and documents pages) in Chromium, find links to policy documents in kk/ru/en, and compare them with targets.json")
        {
            only, GlobalOptions.JsonOutput, write, history, chromium, loopbackOnly,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var targets = await context.LoadTargetsAsync(ct);
            var selected = context.Parse.GetValue(only) is { } id
                ? targets.Companies.Where(c => c.Id == id).ToList() is { Count: > 0 } one ? one : throw new CliException(ExitCodes.BadInput, $"--only {id}: no such company in {context.TargetsFile}")
                : targets.Companies.ToList();
            using var archive = await context.OpenArchiveAsync(ct);
            if (context.Parse.GetValue(history)) return await HistoryAsync(context, archive, selected, ct);
            var start = await LedgerStart.ReadAsync(archive.Catalog, ct);
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);

            var options = new CaptureOptions { LoopbackOnly = context.Parse.GetValue(loopbackOnly) };
            if (context.Parse.GetValue(chromium) is { } path) options.ChromiumPath = path;
            await using var browser = new ChromiumBrowser(options);
            var discoverer = new Discoverer(browser, options, context.Time);
            var results = new List<DiscoveryJsonOut>();
            var reports = new List<DiscoveryReport>();
            var done = 0;
            foreach (var company in selected)
            {
                var previous = (await archive.Catalog.GetDiscoveriesAsync(company.Id, ct)).LastOrDefault(r => r.Outcome == Outcome.Ok.ToWire());
                var report = await discoverer.DiscoverAsync(company, ct);
                await archive.Catalog.RecordDiscoveryAsync(company.Id, report.At, report.Outcome, DiscoveryJson.Serialize(report), ct);
                reports.Add(report);
                var spans = LinkHistory.Of(await archive.Catalog.GetDiscoveriesAsync(company.Id, ct));
                var changes = LinkHistory.Changes(previous is null ? null : DiscoveryJson.Read(previous), report);
                results.Add(new DiscoveryJsonOut(report.Company, report.At, report.Outcome, report.Detail, report.Pages,
                    report.Documents.Select(d => new DocumentLinkJson(d.Document, d.Url, d.Linked, d.Depth, spans.LastOrDefault(s => s.Document == d.Document)?.Since)).ToList(),
                    report.Candidates.ToList(), report.Links, changes));
                await context.Error.WriteLineAsync($"[{++done}/{selected.Count}] {company.Id}: {report.Outcome}, {report.Pages.Count} page(s) read, {report.Links.Count} policy link(s)");
            }
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);

            if (context.Parse.GetValue(write))
            {
                var proposed = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.TargetsFile))!, "targets.proposed.json");
                var added = await TargetsProposal.WriteAsync(context.TargetsFile, reports, proposed, ct);
                await TargetsLoader.LoadAsync(proposed, ct); // what we propose must itself be valid
                await context.Error.WriteLineAsync($"{added.Count} candidate document(s) proposed in {proposed}; review it, then replace {context.TargetsFile} with it yourself");
            }
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(results));
                return ExitCodes.Ok;
            }
            foreach (var r in results) await PrintAsync(context.Out, targets.Companies.First(c => c.Id == r.Company), r);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task PrintAsync(TextWriter o, Company company, DiscoveryJsonOut r)
    {
        await o.WriteLineAsync($"{company.Name} ({company.Homepage}) — {Format.Time(r.At)}");
        if (r.Outcome != Outcome.Ok.ToWire())
        {
            await o.WriteLineAsync($"  homepage {r.Outcome}: {r.Detail}");
            return;
        }
        await o.WriteLineAsync($"  read: {string.Join(", ", r.Pages.Select(p => $"{p.Role} {p.Url}"))}");
        foreach (var d in r.Documents)
        {
            var since = d.Since is { } s ? $" since {Format.Time(s)}" : "";
            await o.WriteLineAsync(d.Linked
                ? $"  linked      {d.Document}  {LinkHistory.Clicks(d.Depth)} from the homepage{since}"
                : $"  NOT LINKED  {d.Document}  not linked from the homepage, its language variants or its documents pages{since}");
        }
        foreach (var c in r.Candidates)
            await o.WriteLineAsync($"  new         {c.Type} ({(c.Language.Length == 0 ? "?" : c.Language)})  «{c.Text}»  {c.Url}  {LinkHistory.Clicks(c.Depth)}");
        foreach (var change in r.Changes) await o.WriteLineAsync($"  changed since the last discovery: {change}");
    }

    private static async Task<int> HistoryAsync(CliContext context, Archive archive, IReadOnlyList<Company> companies, CancellationToken ct)
    {
        var rows = new List<HistoryJson>();
        foreach (var company in companies)
            rows.AddRange(LinkHistory.Of(await archive.Catalog.GetDiscoveriesAsync(company.Id, ct))
                .Select(s => new HistoryJson(s.Document, s.Linked, s.Depth, s.Since, s.LastSeen, s.Discoveries)));
        if (context.Parse.GetValue(GlobalOptions.JsonOutput))
        {
            await context.Out.WriteLineAsync(Json.Serialize(rows));
            return ExitCodes.Ok;
        }
        if (rows.Count == 0) await context.Out.WriteLineAsync("no discoveries recorded yet: run `discover`");
        foreach (var s in rows)
            await context.Out.WriteLineAsync($"{s.Document}  {(s.Linked ? $"linked, {LinkHistory.Clicks(s.Depth)}" : "NOT linked")}  from {Format.Time(s.Since)} to {Format.Time(s.LastSeen)} ({s.Discoveries} discover{(s.Discoveries == 1 ? "y" : "ies")})");
        return ExitCodes.Ok;
    }
}
