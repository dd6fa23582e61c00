using System.CommandLine;
using PolicyArchiver.Exporting;
using PolicyArchiver.Exporting.Formats;
using PolicyArchiver.Targets;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

/// <summary>
/// <c>export</c>: every archived observation of a date window as a dataset — a ZIP with a manifest
/// and the files for researchers, or a WACZ package for replay tools.
/// </summary>
internal static class ExportCommand
{
    private sealed record ExportJson(string File, string Format, DateTimeOffset From, DateTimeOffset To, string? Only,
        int Documents, int Observations, int Snapshots, long Bytes, double Seconds);

    public static Command Create(Handler handler)
    {
        // Checked in the body rather than marked Required, so a missing value exits 2 (bad input) like a malformed one.
        var from = new Option<string?>("--from") { Description = "First day or instant of the window, inclusive (ISO 8601; UTC unless an offset is given); required", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Last day (to its end, UTC) or instant of the window, inclusive; required", HelpName = "DATE" };
        var only = new Option<string?>("--only") { Description = "Only this company, or this COMPANY/DOCUMENT", HelpName = "COMPANY[/DOCUMENT]" };
        var output = new Option<string?>("--out") { Description = "The file to write (replaced only once complete); required", HelpName = "FILE" };
        var format = new Option<string?>("--format")
        {
            Description = $"{string.Join(" or ", ExportFormats.All.Select(f => $"{f.Name} ({f.Description})"))}; default {ExportFormats.Default.Name}",
            HelpName = string.Join('|', ExportFormats.All.Select(f => f.Name)),
        };
        var command = new Command("export", "Export every observation of a date window, failures included: raw snapshots, texts and screenshots with a manifest (zip), or the WARC records as a WACZ package")
        {
            from, to, only, output, format, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            if (!ExportWindow.TryParse(context.Parse.GetValue(from), context.Parse.GetValue(to), out var window, out var error))
                throw new CliException(ExitCodes.BadInput, error);
            var exportFormat = ExportFormats.Parse(context.Parse.GetValue(format))
                               ?? throw new CliException(ExitCodes.BadInput, $"--format \"{context.Parse.GetValue(format)}\": expected {ExportFormats.Names}");
            var path = context.Parse.GetValue(output) is { Length: > 0 } o ? o : throw new CliException(ExitCodes.BadInput, $"--out is required (the {exportFormat.Extension} file to write)");
            var onlyValue = context.Parse.GetValue(only);

            using var archive = await context.OpenExistingArchiveAsync(ct);
            var known = ExportDocument.From(await TryLoadTargetsAsync(context, ct), await archive.Catalog.GetDocumentsAsync(ct));
            var documents = ExportDocument.Select(known, onlyValue);
            if (documents.Count == 0)
                throw new CliException(ExitCodes.BadInput, $"--only {onlyValue}: no such company or document in {context.TargetsFile} or the archive");

            var plan = await ExportPlan.BuildAsync(archive.Catalog, archive.Blobs, documents, window, ct);
            if (plan.Captures.Count == 0)
                await context.Error.WriteLineAsync($"no observations between {Format.Time(window.From)} and {Format.Time(window.To)}: writing an export with a header-only manifest");
            var started = context.Time.GetTimestamp();
            var summary = await new Exporter(archive).WriteFileAsync(plan, exportFormat, path, new StderrProgress(context.Error), ct);
            var json = new ExportJson(path, summary.Format, window.From, window.To, onlyValue, summary.Documents, summary.Observations, summary.Snapshots, summary.Bytes, context.Time.GetElapsedTime(started).TotalSeconds);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
                await context.Out.WriteLineAsync(Json.Serialize(json));
            else
                await context.Out.WriteLineAsync($"{path}: {summary.Format}, {summary.Observations} observation(s) of {summary.Documents} document(s), {summary.Snapshots} snapshot(s), {summary.Bytes} bytes in {json.Seconds:0.0} s");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>An unreadable targets file does not stop an export: documents are then described from the archive alone.</summary>
    private static async Task<TargetList?> TryLoadTargetsAsync(CliContext context, CancellationToken ct)
    {
        try
        {
            return await context.LoadTargetsAsync(ct);
        }
        catch (TargetsException)
        {
            return null;
        }
    }

    /// <summary>
    /// Progress on stderr, reported on the writing thread (not posted elsewhere as
    /// <see cref="Progress{T}"/> would): a bar redrawn in place on a terminal, otherwise
    /// <c>export: N/M captures</c> lines, about a hundred for a whole export at most (logs, scripts).
    /// </summary>
    private sealed class StderrProgress(TextWriter error) : IProgress<ExportProgress>
    {
        private const int BarWidth = 30;
        private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        private int _lastPercent = -1;

        public void Report(ExportProgress value)
        {
            var percent = value.Total == 0 ? 100 : value.Done * 100 / value.Total;
            if (percent == _lastPercent && value.Done != value.Total) return;
            _lastPercent = percent;
            if (!_terminal)
            {
                error.WriteLine($"export: {value.Done}/{value.Total} captures");
                return;
            }
            var filled = percent * BarWidth / 100;
            error.Write($"\rexport [{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,3}% {value.Done}/{value.Total} captures");
            if (value.Done == value.Total) error.WriteLine();
        }
    }
}
