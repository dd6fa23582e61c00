using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Contracts;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Cli.Commands;

internal static class CaptureCommand
{
    public static readonly Option<string?> Only = new("--only")
    {
        Description = "Capture only this company, or this COMPANY/DOCUMENT",
        HelpName = "COMPANY[/DOCUMENT]",
    };

    public static Command Create(Handler handler)
    {
        var concurrency = new Option<int>("--concurrency") { Description = "Documents captured at once, on different hosts", DefaultValueFactory = _ => new CaptureOptions().Concurrency };
        var chromium = ChromiumOption();
        var loopbackOnly = new Option<bool>("--loopback-only") { Description = "Resolve no host but localhost, so nothing leaves the machine (offline tests)" };
        var alwaysRender = AlwaysRenderOption();
        var screenshotFormat = ScreenshotFormatOption();
        var (confirmDelay, noConfirm) = ConfirmOptions();
        var (allowNetwork, maxBody) = LimitOptions();
        var (maxResource, maxPageResources) = ResourceCapOptions();
        var command = new Command("capture", "Capture every target document now (one round); unreachable documents are recorded as observations, not errors" + WebhookSetup.HelpText)
        {
            Only, GlobalOptions.JsonOutput, concurrency, chromium, loopbackOnly, alwaysRender, screenshotFormat, confirmDelay, noConfirm, allowNetwork, maxBody, maxResource, maxPageResources,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            var targets = await context.LoadTargetsAsync(ct);
            var documents = Select(targets, context.Parse.GetValue(Only));
            var options = new CaptureOptions { Concurrency = context.Parse.GetValue(concurrency), LoopbackOnly = context.Parse.GetValue(loopbackOnly), AlwaysRender = context.Parse.GetValue(alwaysRender) };
            if (context.Parse.GetValue(chromium) is { } path) options.ChromiumPath = path;
            if (options.Concurrency < 1) throw new CliException(ExitCodes.BadInput, "--concurrency must be at least 1");
            options.ConfirmDelay = ConfirmDelay(context, confirmDelay, noConfirm);
            options.ScreenshotFormat = ScreenshotFormatOf(context, screenshotFormat);
            ApplyLimits(context, options, allowNetwork, maxBody);
            ApplyResourceCaps(context, options, maxResource, maxPageResources);
            var webhooks = WebhookSetup.Read(context);
            var lexicon = webhooks.Subscriptions.Count > 0 ? await TopicOptions.LoadAsync(context, ct) : null;

            using var archive = await context.OpenArchiveAsync(ct);
            var start = await LedgerStart.ReadAsync(archive.Catalog, ct);
            // What a round interrupted earlier recorded is signed first, so no more than one round is ever uncovered;
            // a history the Checkpointer cannot vouch for stops the command before it records anything.
            await CheckpointAsync(context, archive, start, ct);
            var observations = await RunRoundAsync(archive, options, documents, context.Error, ct);
            await CheckpointAsync(context, archive, start, ct);
            await SearchIndexHook.KeepUpAsync(context, archive, targets, ct);
            if (lexicon is not null)
            {
                // Followers hear of the round's changes once they are recorded and signed.
                using var http = new HttpClient();
                await WebhookSetup.Dispatcher(archive, new Web.ArchiveReader(archive, () => targets), lexicon, webhooks, http, WebhookSetup.ConfiguredPublicUrl(context),
                    line => context.Error.WriteLine(line)).DeliverRoundAsync(observations, ct);
            }
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
                await context.Out.WriteLineAsync(Json.Serialize(observations.Select(ObservationJson.From)));
            else
                await context.Out.WriteLineAsync(Summary(observations));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary><c>--confirm-delay S</c> and <c>--no-confirm</c>: the second fetch that confirms a change.</summary>
    public static (Option<double> Delay, Option<bool> Off) ConfirmOptions() => (
        new Option<double>("--confirm-delay")
        {
            Description = "Seconds to wait before fetching a changed page a second time; a version is made only for what both fetches agree on",
            DefaultValueFactory = _ => new CaptureOptions().ConfirmDelay!.Value.TotalSeconds,
            HelpName = "SECONDS",
        },
        new Option<bool>("--no-confirm") { Description = "Decide a change from one fetch, without fetching a changed page again" });

    public static TimeSpan? ConfirmDelay(CliContext context, Option<double> delay, Option<bool> off)
    {
        if (context.Parse.GetValue(off)) return null;
        var seconds = context.Parse.GetValue(delay);
        if (seconds < 0 || double.IsNaN(seconds) || seconds > 3600) throw new CliException(ExitCodes.BadInput, "--confirm-delay must be between 0 and 3600 seconds");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary><c>--allow-network CIDR</c> (repeatable) and <c>--max-body-mb N</c>: what a capture may reach and read.</summary>
    public static (Option<string[]> AllowNetwork, Option<double> MaxBody) LimitOptions() => (
        new Option<string[]>("--allow-network")
        {
            Description = "A private, loopback or link-local network captures may reach besides the target's own address (repeatable; by default every such address but the target's is refused)",
            HelpName = "CIDR",
            AllowMultipleArgumentsPerToken = false,
        },
        new Option<double>("--max-body-mb")
        {
            Description = "Largest document body kept, as received and as decoded; a longer one is recorded as an http-error with its first bytes as truncated evidence",
            DefaultValueFactory = _ => new CaptureOptions().MaxBodyBytes / (1024.0 * 1024),
            HelpName = "MB",
        });

    public static void ApplyLimits(CliContext context, CaptureOptions options, Option<string[]> allowNetwork, Option<double> maxBody)
    {
        foreach (var network in context.Parse.GetValue(allowNetwork) ?? [])
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
                throw new CliException(ExitCodes.BadInput, $"--allow-network {network}: not a network in CIDR notation (e.g. 10.20.0.0/16)");
            options.AllowedNetworks.Add(network);
        }
        options.MaxBodyBytes = Megabytes(context, maxBody);
    }

    /// <summary><c>--max-resource-mb N</c> and <c>--max-page-resources-mb N</c>: how much of what a rendered page loads is kept.</summary>
    public static (Option<double> MaxResource, Option<double> MaxPageResources) ResourceCapOptions() => (
        new Option<double>("--max-resource-mb")
        {
            Description = "Largest body kept of one resource a rendered page loads (stylesheet, script, image, font, fetched data); a longer one is kept up to the cap, marked WARC-Truncated, and named in the observation's detail",
            DefaultValueFactory = _ => new CaptureOptions().MaxResourceBytes / (1024.0 * 1024),
            HelpName = "MB",
        },
        new Option<double>("--max-page-resources-mb")
        {
            Description = "Most bytes kept of all the resources of one rendered page together; a resource beyond it is kept up to what is left, marked WARC-Truncated, and named in the detail",
            DefaultValueFactory = _ => new CaptureOptions().MaxPageResourceBytes / (1024.0 * 1024),
            HelpName = "MB",
        });

    public static void ApplyResourceCaps(CliContext context, CaptureOptions options, Option<double> maxResource, Option<double> maxPageResources)
    {
        options.MaxResourceBytes = Megabytes(context, maxResource);
        options.MaxPageResourceBytes = Megabytes(context, maxPageResources);
    }

    private static long Megabytes(CliContext context, Option<double> option)
    {
        var megabytes = context.Parse.GetValue(option);
        if (!(megabytes > 0 && megabytes <= 4096)) throw new CliException(ExitCodes.BadInput, $"{option.Name} must be more than 0 and at most 4096");
        return (long)(megabytes * 1024 * 1024);
    }

    public static Option<bool> AlwaysRenderOption() => new("--always-render")
    {
        Description = "Render every page, even one whose raw HTML shows its text unchanged and whose text does not come from scripts (default: keep such a page as served, without a new screenshot)",
    };

    public static Option<string> ScreenshotFormatOption() => new("--screenshot-format")
    {
        Description = "What the screenshot of a page with new text is: pdf (the page printed as the screen lays it out, its text kept as text, "
                      + "a few hundred KB), png (full-page pixels, lossless, megabytes) or jpeg (full-page pixels, quality 70)",
        DefaultValueFactory = _ => Name(new CaptureOptions().ScreenshotFormat),
        HelpName = "pdf|png|jpeg",
    };

    public static ScreenshotFormat ScreenshotFormatOf(CliContext context, Option<string> option)
    {
        var value = context.Parse.GetValue(option);
        foreach (var format in Enum.GetValues<ScreenshotFormat>())
            if (string.Equals(Name(format), value?.Trim(), StringComparison.OrdinalIgnoreCase)) return format;
        throw new CliException(ExitCodes.BadInput, $"--screenshot-format \"{value}\": expected {string.Join(", ", Enum.GetValues<ScreenshotFormat>().Select(Name))}");
    }

    private static string Name(ScreenshotFormat format) => format.ToString().ToLowerInvariant();

    public static Option<string?> ChromiumOption() => new("--chromium")
    {
        Description = "Chromium executable (default /usr/bin/chromium, env POLICYARCHIVER_CHROMIUM)",
        HelpName = "PATH",
    };

    public static IReadOnlyList<Document> Select(TargetList targets, string? only)
    {
        var documents = targets.Select(only);
        if (documents.Count == 0)
            throw new CliException(ExitCodes.BadInput, only is null ? "targets.json lists no documents" : $"--only {only}: no such company or document in targets.json");
        return documents;
    }

    /// <summary>Runs one round with a progress line per document on <paramref name="progress"/>.</summary>
    public static async Task<IReadOnlyList<Observation>> RunRoundAsync(Archive archive, CaptureOptions options, IReadOnlyList<Document> documents, TextWriter progress, CancellationToken ct)
    {
        await using var browser = new ChromiumBrowser(options);
        var archivist = ArchivistComposition.Create(archive, new Capturer(browser, options, archive.Time), options, archive.Time);
        var done = 0;
        var gate = new Lock();
        var blocked = new HashSet<long>();
        archivist.Events.ObservationRecorded += e =>
        {
            var (document, o) = (e.Document, e.Observation);
            lock (gate)
            {
                done++;
                var what = o.Outcome == Outcome.Ok
                    ? o.NewVersion ? $"ok, new version {o.Version}" : $"ok, unchanged (version {o.Version})"
                    : $"{o.Outcome.ToWire()}{(o.HttpStatus is { } s ? $" HTTP {s}" : "")}{(o.Detail is { } d ? $": {d}" : "")}";
                progress.WriteLine($"[{done}/{documents.Count}] {document.Key}: {what} ({o.DurationMs} ms)");
            }
        };
        archivist.Events.CaptureBlocked += e =>
        {
            lock (gate) blocked.Add(e.Observation.Id);
        };
        var observations = await archivist.CaptureRoundAsync(documents, ct);
        await WarnOfBlockedAsync(archive, observations.Where(o => blocked.Contains(o.Id)).ToList(), progress, ct);
        return observations;
    }

    /// <summary>
    /// Names the documents whose capture in this round was blocked (as the archivist reported them): nothing of them was archived,
    /// and an archive that holds no version of a document must not look healthy.
    /// </summary>
    private static async Task WarnOfBlockedAsync(Archive archive, IReadOnlyList<Observation> observations, TextWriter error, CancellationToken ct)
    {
        var blocked = new List<string>();
        foreach (var o in observations)
            blocked.Add(await archive.Catalog.GetLatestVersionAsync(o.Document, ct) is null ? $"{o.Document} (never archived)" : o.Document);
        if (blocked.Count > 0)
            await error.WriteLineAsync($"warning: {blocked.Count} document(s) blocked in every capture of this round, nothing archived of them: {string.Join(", ", blocked)}");
    }

    /// <summary>
    /// After a round, the ledger's new head is signed (and timestamped when a TSA is configured).
    /// <paramref name="start"/> is the ledger as the command found it: entries after it are its own.
    /// A history the Checkpointer cannot vouch for is damage: the command stops with exit code 4.
    /// </summary>
    public static async Task CheckpointAsync(CliContext context, Archive archive, LedgerStart start, CancellationToken ct)
    {
        using var http = new HttpClient();
        var tsa = context.TsaUrl is { } url ? new TimestampAuthority(http, url) : null;
        Checkpoint? checkpoint;
        try
        {
            checkpoint = await new Checkpointer(archive.Catalog, archive.Key, context.Time, tsa).CheckpointAsync(start, ct);
        }
        catch (UnvouchedHistoryException e)
        {
            throw new CliException(ExitCodes.Damaged, e.Message);
        }
        if (checkpoint is not null)
            await context.Error.WriteLineAsync($"checkpoint: ledger entry {checkpoint.Seq} signed{(checkpoint.TimestampResponse is null ? "" : $" and timestamped by {checkpoint.TsaUrl}")}");
    }

    public static string Summary(IReadOnlyList<Observation> observations)
    {
        var outcomes = string.Join(", ", observations.GroupBy(o => o.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToWire()}"));
        var versions = observations.Count(o => o.NewVersion);
        return $"{observations.Count} documents captured: {outcomes}; {versions} new version(s)";
    }
}
