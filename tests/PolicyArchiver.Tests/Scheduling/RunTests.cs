using System.Text.Json;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Scheduling;

/// <summary>The long-running service and what keeps it polite and resilient, against the fixture site.</summary>
public class RunTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Privacy = "testbank/privacy-policy-ru";
    private const string Kazakh = "testbank/privacy-policy-kk";
    private const string Offer = "testbank/public-offer-ru";
    private const string EverySecond = "* * * * * ?";

    private static async Task<int> CountAsync(TempArchive temp, string document) => (await temp.Archive.Catalog.GetObservationsAsync(document)).Count;

    [Fact]
    public async Task Run_captures_on_schedule_politely_and_follows_edits_of_targets_without_restart()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        await temp.KeepOnlyAsync(tenant, (Privacy, EverySecond), (Kazakh, EverySecond));
        using var stop = new CancellationTokenSource();
        var site = $"http://127.0.0.1:{Ports.Free()}";
        var run = Support.Cli.RunAsync(["run", "--loopback-only", "--host-delay", "0.5", "--urls", site, "--archive", temp.ArchiveDirectory, "--targets", temp.TargetsFile], stop.Token);

        await Eventually.WaitAsync(async () => await CountAsync(temp, Privacy) >= 3 && await CountAsync(temp, Kazakh) >= 3, "three scheduled captures of each document");
        // The web archive runs alongside the scheduler and shows what it has captured so far.
        using (var http = new HttpClient())
        {
            var observations = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"{site}/api/documents/{Privacy}/observations"))!.AsArray();
            Assert.True(observations.Count >= 3, $"{observations.Count} observations served");
        }
        Assert.Equal(1, tenant.MaxInFlight); // one host: never two of its documents at once
        Assert.Single(await temp.Archive.Catalog.GetVersionsAsync(Privacy)); // noise makes no versions

        // Edit: Kazakh removed, the offer added, the Russian privacy policy moved to a far-off time.
        await temp.KeepOnlyAsync(tenant, (Privacy, "0 0 3 1 1 ? 2099"), (Offer, EverySecond));
        await Eventually.WaitAsync(async () => await CountAsync(temp, Offer) >= 1, "the added document's first capture");
        var privacy = await CountAsync(temp, Privacy);
        var kazakh = await CountAsync(temp, Kazakh);
        var offer = await CountAsync(temp, Offer);
        await Eventually.WaitAsync(async () => await CountAsync(temp, Offer) >= offer + 3, "the added document's scheduled captures");
        Assert.Equal(privacy, await CountAsync(temp, Privacy));
        Assert.Equal(kazakh, await CountAsync(temp, Kazakh));
        Assert.NotEmpty(await temp.Archive.Catalog.GetVersionsAsync(Kazakh)); // a removed document keeps its history

        // An invalid edit is refused and the service goes on with what it had.
        await File.WriteAllTextAsync(temp.TargetsFile, "{\"companies\": [ {\"id\": \"Bad Id\"} ]}");
        offer = await CountAsync(temp, Offer);
        await Eventually.WaitAsync(async () => await CountAsync(temp, Offer) >= offer + 2, "captures continuing after an invalid edit");

        stop.Cancel();
        var result = await run;
        Assert.True(result.ExitCode == 0, result.Error);
        var head = await temp.Archive.Catalog.GetLedgerHeadAsync();
        Assert.Equal(head!.Seq, (await temp.Archive.Catalog.GetCheckpointsAsync()).Last().Seq); // signed at stop
    }

    [Fact]
    public async Task Documents_missed_while_the_archiver_was_down_are_captured_at_start()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        // Daily schedules (the default); one document last seen three days ago, one an hour ago.
        await temp.KeepOnlyAsync(tenant, (Privacy, "0 0 4 * * ?"), (Kazakh, "0 0 4 * * ?"));
        await Record(temp, Privacy, DateTimeOffset.UtcNow.AddDays(-3));
        await Record(temp, Kazakh, DateTimeOffset.UtcNow.AddHours(-1));
        // Signed as the commands that recorded them would have: run signs nothing it cannot vouch for.
        await new Checkpointer(temp.Archive.Catalog, temp.Archive.Key, TimeProvider.System).CheckpointAsync(LedgerStart.Empty, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var run = Support.Cli.RunAsync(["run", "--loopback-only", "--no-web", "--archive", temp.ArchiveDirectory, "--targets", temp.TargetsFile], stop.Token);

        await Eventually.WaitAsync(async () => await CountAsync(temp, Privacy) == 2, "the overdue document captured at start");
        stop.Cancel();
        Assert.Equal(0, (await run).ExitCode);
        Assert.Equal(1, await CountAsync(temp, Kazakh)); // not due: left for its next tick
    }

    private static Task Record(TempArchive temp, string document, DateTimeOffset at) =>
        temp.Archive.Catalog.RecordAsync(new CaptureRecord(document, at, Outcome.NetworkError, null, "http://127.0.0.1/", null,
            "net::ERR_INTERNET_DISCONNECTED", 4, 1000, null, null, []));

    [Fact]
    public async Task A_dead_host_opens_the_circuit_and_is_left_alone()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var options = ChromiumFixture.Options();
        options.MaxRetries = 1;
        options.CircuitFailures = 2;
        options.HostDelay = TimeSpan.Zero;
        var archivist = temp.Archivist(chromium.Browser, options);
        var port = Ports.Closed();
        var documents = Enumerable.Range(1, 4).Select(i => temp.Document("privacy-policy-ru") with
        {
            Id = $"dead-{i}",
            Url = new Uri($"http://127.0.0.1:{port}/doc{i}"),
        }).ToList();

        var observations = await archivist.CaptureRoundAsync(documents, CancellationToken.None);
        Assert.Equal((Outcome.NetworkError, 2), (observations[0].Outcome, observations[0].Attempts));
        foreach (var o in observations.Skip(1))
        {
            Assert.Equal((Outcome.NetworkError, 0), (o.Outcome, o.Attempts));
            Assert.StartsWith("not attempted: 127.0.0.1 failed repeatedly", o.Detail);
        }
        // Another host is not affected.
        var other = await archivist.CaptureAsync(temp.Document("privacy-policy-kk") with { Url = new Uri(tenant.BaseUrl.AbsoluteUri.Replace("127.0.0.1", "localhost") + "kk/privacy") }, CancellationToken.None);
        Assert.Equal(Outcome.Ok, other.Outcome);
    }

    [Fact]
    public async Task A_crashed_browser_is_restarted_for_the_next_capture()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var options = ChromiumFixture.Options();
        await using var browser = new ChromiumBrowser(options);
        var archivist = temp.Archivist(browser, options);
        Assert.Equal(Outcome.Ok, (await archivist.CaptureAsync(temp.Document("privacy-policy-ru"), CancellationToken.None)).Outcome);

        // Kill the real browser process, as a crash or the OOM killer would.
        var session = await browser.Current!.NewBrowserCDPSessionAsync();
        var info = await session.SendAsync("SystemInfo.getProcessInfo");
        var pid = info!.Value.GetProperty("processInfo").EnumerateArray().First(p => p.GetProperty("type").GetString() == "browser").GetProperty("id").GetInt32();
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        await Eventually.WaitAsync(() => Task.FromResult(!browser.Current!.IsConnected), "the browser to die");

        var after = await archivist.CaptureAsync(temp.Document("privacy-policy-kk"), CancellationToken.None);
        Assert.Equal(Outcome.Ok, after.Outcome);
        Assert.True(browser.Current!.IsConnected);
    }

    [Fact]
    public async Task Status_shows_streaks_of_availability_per_document()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        foreach (var _ in new[] { 1, 2 })
        {
            Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", "testbank/code-of-ethics-ru")).ExitCode);
            Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy)).ExitCode);
        }
        var status = await Support.Cli.RunAsync(temp, "status", "--json");
        Assert.True(status.ExitCode == 0, status.Error);
        var rows = JsonDocument.Parse(status.Out).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("document").GetString()!);
        Assert.Equal(12, rows.Count);

        var down = rows["testbank/code-of-ethics-ru"];
        Assert.Equal("unreachable", down.GetProperty("streak").GetString());
        Assert.Equal(2, down.GetProperty("streakAttempts").GetInt32());
        Assert.Equal("http-error", down.GetProperty("lastOutcome").GetString());
        Assert.Equal(JsonValueKind.Null, down.GetProperty("lastSuccessAt").ValueKind);
        var observations = await temp.Archive.Catalog.GetObservationsAsync("testbank/code-of-ethics-ru");
        Assert.Equal(Instant.Format(observations[0].At), down.GetProperty("streakSince").GetString());

        var ok = rows[Privacy];
        Assert.Equal(("ok", 2, 1), (ok.GetProperty("streak").GetString(), ok.GetProperty("streakAttempts").GetInt32(), ok.GetProperty("versions").GetInt32()));
        Assert.True(ok.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(JsonValueKind.Null, rows["testbank/cookie-policy-ru"].GetProperty("lastAttemptAt").ValueKind);

        var text = await Support.Cli.RunAsync(temp, "status", "--only", "testbank/code-of-ethics-ru");
        Assert.Contains("unreachable since", text.Out);
        Assert.Contains("2 attempts (last: http-error HTTP 502)", text.Out);
    }

    [Fact]
    public async Task Capture_and_status_say_so_prominently_when_a_document_was_only_ever_blocked()
    {
        const string challenged = "testbank/transparency-report-en";
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var capture = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", challenged);
        Assert.True(capture.ExitCode == 0, capture.Error);
        Assert.Contains($"warning: 1 document(s) blocked in every capture of this round, nothing archived of them: {challenged} (never archived)\n", capture.Error);
        var ok = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy);
        Assert.DoesNotContain("warning:", ok.Error);

        var rows = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "status", "--json")).Out).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("document").GetString()!);
        var blocked = rows[challenged];
        Assert.Equal(("unreachable", "blocked", true, true),
            (blocked.GetProperty("streak").GetString(), blocked.GetProperty("lastOutcome").GetString(), blocked.GetProperty("blocked").GetBoolean(), blocked.GetProperty("neverArchived").GetBoolean()));
        Assert.StartsWith("Cloudflare challenge (", blocked.GetProperty("lastDetail").GetString());
        Assert.Equal((false, false), (rows[Privacy].GetProperty("blocked").GetBoolean(), rows[Privacy].GetProperty("neverArchived").GetBoolean()));

        var text = (await Support.Cli.RunAsync(temp, "status", "--only", challenged)).Out;
        Assert.StartsWith($"{challenged}: BLOCKED since ", text);
        Assert.Contains(" (never archived), 1 attempts (last: blocked HTTP 403: Cloudflare challenge (", text);
    }
}
