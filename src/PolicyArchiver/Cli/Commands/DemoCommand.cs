using PolicyArchiver.Evidence.Ledger;
using System.CommandLine;
using System.Globalization;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Demo;
using PolicyArchiver.Changes;
using PolicyArchiver.Targets;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create(Handler handler)
    {
        var output = new Option<string?>("--out")
        {
            Description = "Where to write the demo archive (default: a new directory under ./demo-archive/)",
            HelpName = "DIR",
        };
        var chromium = CaptureCommand.ChromiumOption();
        var screenshotFormat = CaptureCommand.ScreenshotFormatOption();
        var (maxResource, maxPageResources) = CaptureCommand.ResourceCapOptions();
        var command = new Command("demo", "Serve a bundled site of fictional companies on 127.0.0.1, archive it, change some documents, archive again, and show the change registry")
        {
            output, chromium, screenshotFormat, maxResource, maxPageResources,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var format = CaptureCommand.ScreenshotFormatOf(context, screenshotFormat);
            var directory = context.Parse.GetValue(output)
                            ?? Path.Combine("demo-archive", context.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
                throw new CliException(ExitCodes.BadInput, $"--out {directory}: directory is not empty; the demo starts from an empty archive");
            Directory.CreateDirectory(directory);
            var options = new CaptureOptions { LoopbackOnly = true, ScreenshotFormat = format };
            if (context.Parse.GetValue(chromium) is { } path) options.ChromiumPath = path;
            CaptureCommand.ApplyResourceCaps(context, options, maxResource, maxPageResources);

            await using var site = await DemoSite.StartAsync(context.Time, ct);
            var targetsFile = Path.Combine(directory, "targets.json");
            await File.WriteAllTextAsync(targetsFile, site.Targets(), ct);
            var targets = await TargetsLoader.LoadAsync(targetsFile, ct);
            var documents = targets.Documents.ToList();
            using var archive = await Archive.OpenEmbeddedAsync(Path.Combine(directory, "archive"), context.Time, ct);
            var start = await LedgerStart.ReadAsync(archive.Catalog, ct);
            var o = context.Out;

            await o.WriteLineAsync($"Demo site of {targets.Companies.Count} fictional companies at {site.BaseUrl} ({documents.Count} documents)");
            await o.WriteLineAsync($"Archive: {Path.GetFullPath(Path.Combine(directory, "archive"))}");
            await RoundAsync(o, "Round 1: first capture", archive, options, documents, context.Error, ct);
            await RoundAsync(o, "Round 2: nothing changed (tokens, timestamps and ads differ on every request)", archive, options, documents, context.Error, ct);
            site.Phase = "v2";
            await RoundAsync(o, "Round 3: some companies edited their documents", archive, options, documents, context.Error, ct);
            await CaptureCommand.CheckpointAsync(context, archive, start, ct);

            await o.WriteLineAsync();
            await o.WriteLineAsync("Change registry:");
            foreach (var document in documents)
            {
                var versions = await archive.Catalog.GetVersionsAsync(document.Key, ct);
                await o.WriteLineAsync($"  {document.Key}: {versions.Count} version(s)" +
                    string.Concat(versions.Skip(1).Select(v => $"; v{v.Number} at {Format.Time(v.CapturedAt)} +{v.Added} -{v.Removed} lines")));
            }
            foreach (var document in documents)
            {
                var versions = await archive.Catalog.GetVersionsAsync(document.Key, ct);
                if (versions.Count < 2) continue;
                var (older, newer) = (versions[^2], versions[^1]);
                await o.WriteLineAsync();
                await o.WriteAsync(TextDiff.Unified(await archive.ReadTextAsync(older, ct), await archive.ReadTextAsync(newer, ct),
                    $"{document.Key} v{older.Number}", $"{document.Key} v{newer.Number}"));
            }

            var first = documents[0].Key;
            // Say how to run this very program from here (out/policyarchiver after `bash .ci/demo`).
            var program = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "policyarchiver"
                ? Path.GetRelativePath(Directory.GetCurrentDirectory(), self)
                : "policyarchiver";
            var cli = $"{program} --archive {Path.Combine(directory, "archive")} --targets {targetsFile}";
            await o.WriteLineAsync();
            await o.WriteLineAsync("Explore it:");
            await o.WriteLineAsync($"  {cli} changes");
            await o.WriteLineAsync($"  {cli} history {first}");
            await o.WriteLineAsync($"  {cli} observations {first}");
            await o.WriteLineAsync($"  {cli} diff {first} --words");
            await o.WriteLineAsync($"  {cli} show {first} --version 1");
            await o.WriteLineAsync($"  {cli} verify");
            await o.WriteLineAsync($"  {cli} evidence {first} --at {Format.Time(context.Time.GetUtcNow())} --out evidence.zip");
            await o.WriteLineAsync($"  {cli} serve        # then open http://127.0.0.1:5080/");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task RoundAsync(TextWriter o, string title, Archive archive, CaptureOptions options, IReadOnlyList<Document> documents, TextWriter progress, CancellationToken ct)
    {
        await o.WriteLineAsync();
        await o.WriteLineAsync(title);
        var observations = await CaptureCommand.RunRoundAsync(archive, options, documents, progress, ct);
        await o.WriteLineAsync("  " + CaptureCommand.Summary(observations));
    }
}
