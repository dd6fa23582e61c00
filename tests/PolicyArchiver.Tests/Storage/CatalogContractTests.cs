using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;

namespace PolicyArchiver.Tests.Storage;

/// <summary>
/// What every <see cref="ICatalog"/> does, whatever holds it: the same tests run on the embedded
/// catalog (SQLite) and the distributed one (PostgreSQL). A subclass supplies a fresh, initialised
/// catalog and a way to change its rows behind its back.
/// </summary>
public abstract class CatalogContractTests : IAsyncLifetime
{
    private const string Document = "bank/privacy-ru";
    private const string Url = "https://bank.kz/privacy";

    /// <summary>An instant with a sub-microsecond part: the ledger commits to 100-ns ticks, so they must round-trip.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly List<string> _directories = [];

    private protected ICatalog Catalog { get; private set; } = null!;

    /// <summary>A fresh, initialised catalog of its own, empty.</summary>
    private protected abstract Task<ICatalog> CreateCatalogAsync();

    /// <summary>Runs SQL on the catalog's store directly, as someone editing rows behind its back would.</summary>
    protected abstract Task ExecuteBehindItsBackAsync(string sql);

    /// <summary>Releases what the subclass opened (connections, servers' databases).</summary>
    protected virtual Task ReleaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Catalog = await CreateCatalogAsync();

    public async Task DisposeAsync()
    {
        await ReleaseAsync();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory: the system cleans it in the end.
            }
        }
    }

    /// <summary>A temporary directory removed after the test.</summary>
    protected string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        return directory;
    }

    protected static CapturedSnapshot Snapshot(string sha) =>
        new(sha, 10, "text/html; charset=utf-8", "utf-8", 200, Url, new Dictionary<string, string> { ["server"] = "nginx" }, null, null);

    private protected static CaptureRecord Ok(DateTimeOffset at, string body, NewVersion? version, string document = Document) =>
        new(document, at, Outcome.Ok, 200, Url, Url, null, 1, 800, Snapshot(body), version, []);

    private protected static CaptureRecord Failed(DateTimeOffset at, Outcome outcome = Outcome.Timeout, string document = Document) =>
        new(document, at, outcome, null, Url, null, "Timeout 45000ms exceeded", 4, 180000, null, null, []);

    protected static NewVersion Version(int n, string text) => new(n, text, 3, 1, 10, 2, "test/1");

    private static WarcRecordLocation Warc(string id, string type, string role, string file, long offset, string block, string? payload = null) =>
        new($"<urn:uuid:{id}>", type, role, Url, T0.AddTicks(7), file, offset, 100 + offset, block, payload);

    [Fact]
    public async Task An_ok_observation_is_recorded_with_its_snapshot_parts_warc_records_and_first_version_and_reads_back_identical()
    {
        var snapshot = new CapturedSnapshot("body1", 12_345, "text/html; charset=utf-8", "utf-8", 200, Url + "?lang=ru",
            new Dictionary<string, string> { ["server"] = "nginx", ["content-type"] = "text/html; charset=utf-8", ["x-қазақша"] = "иә" }, "dom1", "shot1")
        {
            Parts = [new SnapshotPart(Url + "/2", "body2", "application/pdf", null), new SnapshotPart(Url + "/3", "body3", "text/html", "dom3")],
        };
        var warc = new[]
        {
            Warc("a", "request", "request", "warc/a.warc.gz", 0, "sha1:REQ"),
            Warc("b", "response", "response", "warc/a.warc.gz", 100, "sha1:RESP", "sha1:PAY"),
            Warc("c", "resource", "text", "warc/a.warc.gz", 300, "sha1:TEXT"),
        };
        var version = new NewVersion(1, "text1", 40, 0, 300, 0, "html/2", "rules1", Technical: false, Ocr: true);
        var record = new CaptureRecord(Document, T0, Outcome.Ok, 200, Url, Url + "?lang=ru", "redirected once", 2, 1_500, snapshot, version, warc);

        var observation = await Catalog.RecordAsync(record);

        Assert.Equal(new Observation(observation.Id, Document, T0, Outcome.Ok, 200, Url, Url + "?lang=ru", "body1", true, 1, "redirected once", 2, 1_500),
            observation);
        Assert.Equal(observation, await Catalog.GetObservationAsync(observation.Id));
        Assert.Equal([observation], await Catalog.GetObservationsAsync(Document));

        var stored = await Catalog.GetSnapshotAsync(observation.Id);
        Assert.NotNull(stored);
        Assert.Equal((observation.Id, "body1", 12_345L, "text/html; charset=utf-8", "utf-8", 200, Url + "?lang=ru", "dom1", "shot1"),
            (stored.ObservationId, stored.BodySha256, stored.BodySize, stored.ContentType, stored.Charset, stored.HttpStatus, stored.FinalUrl, stored.DomSha256, stored.ScreenshotSha256));
        Assert.Equal(snapshot.Headers.OrderBy(h => h.Key), stored.Headers.OrderBy(h => h.Key));
        Assert.Equal(snapshot.Parts, stored.Parts);

        Assert.Equal(warc, await Catalog.GetWarcRecordsAsync(observation.Id));
        Assert.Equal(new DocumentVersion(Document, 1, T0, "text1", "body1", observation.Id, 40, 0, "html/2", "rules1", false, true, 0),
            await Catalog.GetLatestVersionAsync(Document));
        Assert.Equal(T0, await Catalog.GetLastObservationAtAsync(Document));
        Assert.Empty(await Catalog.GetChangesAsync(Document));
    }

    [Fact]
    public async Task A_capture_with_unchanged_text_is_evidence_for_the_version_in_force_and_adds_no_version()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        var again = await Catalog.RecordAsync(Ok(T0.AddDays(1), "b1", null));
        var failed = await Catalog.RecordAsync(Failed(T0.AddDays(2)));

        Assert.False(again.NewVersion);
        Assert.Equal(1, again.Version);
        Assert.Null(failed.Version);
        Assert.Null(failed.SnapshotSha256);
        Assert.Null(await Catalog.GetSnapshotAsync(failed.Id));
        Assert.Equal([1], (await Catalog.GetVersionsAsync(Document)).Select(v => v.Number));
        Assert.Equal(T0.AddDays(2), await Catalog.GetLastObservationAtAsync(Document));
    }

    [Fact]
    public async Task New_text_records_the_next_version_and_the_change_with_its_counts()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Ok(T0.AddDays(1), "b2", null));
        await Catalog.RecordAsync(Failed(T0.AddDays(2)));
        var second = await Catalog.RecordAsync(Ok(T0.AddDays(3), "b3", Version(2, "t2")));

        var observations = await Catalog.GetObservationsAsync(Document);
        Assert.Equal([Outcome.Ok, Outcome.Ok, Outcome.Timeout, Outcome.Ok], observations.Select(o => o.Outcome));
        Assert.Equal([true, false, false, true], observations.Select(o => o.NewVersion));
        Assert.Equal([1, 1, (int?)null, 2], observations.Select(o => o.Version));

        var versions = await Catalog.GetVersionsAsync(Document);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal((T0.AddDays(3), "t2", "b3", second.Id), (versions[1].CapturedAt, versions[1].TextSha256, versions[1].SnapshotSha256, versions[1].ObservationId));
        Assert.Equal(versions[1], await Catalog.GetVersionAsync(Document, 2));
        Assert.Null(await Catalog.GetVersionAsync(Document, 3));

        var change = Assert.Single(await Catalog.GetChangesAsync(Document));
        Assert.Equal(new Change(Document, 1, 2, T0.AddDays(3), 3, 1, 10, 2, false), change);
    }

    [Fact]
    public async Task All_changes_are_every_documents_changes_by_document_then_version()
    {
        const string other = "acme/terms-ru";
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Ok(T0.AddDays(1), "a1", Version(1, "u1"), other));
        await Catalog.RecordAsync(Ok(T0.AddDays(2), "a2", Version(2, "u2"), other));
        await Catalog.RecordAsync(Ok(T0.AddDays(3), "b2", Version(2, "t2")));
        await Catalog.RecordAsync(Ok(T0.AddDays(4), "b3", Version(3, "t3")));

        Assert.Equal([.. await Catalog.GetChangesAsync(other), .. await Catalog.GetChangesAsync(Document)], await Catalog.GetAllChangesAsync());
        Assert.Equal(3, (await Catalog.GetAllChangesAsync()).Count);
    }

    [Fact]
    public async Task Last_attempts_are_each_documents_latest_observation_as_availability_reads_it()
    {
        const string other = "acme/terms-ru";
        Assert.Empty(await Catalog.GetLastAttemptsAsync());
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Failed(T0.AddDays(1)));
        await Catalog.RecordAsync(Ok(T0.AddDays(1), "a1", Version(1, "u1"), other));
        await Catalog.RecordAsync(Ok(T0.AddDays(2), "a2", null, other));
        // Two attempts at the same instant: the later recorded is the last, as in GetAvailabilityAsync.
        await Catalog.RecordAsync(Ok(T0.AddDays(2), "a3", Version(2, "u3"), other));

        var last = await Catalog.GetLastAttemptsAsync();

        Assert.Equal([other, Document], last.Keys.Order(StringComparer.Ordinal));
        foreach (var document in new[] { Document, other })
            Assert.Equal((await Catalog.GetAvailabilityAsync(document)).LastAttempt, last[document]);
        Assert.Equal(Outcome.Timeout, last[Document].Outcome);
        Assert.Equal((2, true), (last[other].Version, last[other].NewVersion));
    }

    [Fact]
    public async Task A_version_number_already_taken_is_a_conflict_and_records_nothing()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        var head = await Catalog.GetLedgerHeadAsync();

        await Assert.ThrowsAsync<VersionConflictException>(() => Catalog.RecordAsync(Ok(T0.AddHours(1), "b2", Version(1, "t2"))));
        await Assert.ThrowsAsync<VersionConflictException>(() => Catalog.RecordAsync(Ok(T0.AddHours(1), "b2", Version(3, "t2"))));

        Assert.Single(await Catalog.GetObservationsAsync(Document));
        Assert.Equal(head, await Catalog.GetLedgerHeadAsync());
        Assert.Equal(1, (await Catalog.CountRowsAsync())["snapshot"]);
    }

    [Fact]
    public async Task Several_captures_recorded_at_once_land_in_order_as_if_recorded_one_by_one()
    {
        var observations = await Catalog.RecordAllAsync([Ok(T0, "b1", Version(1, "t1")), Failed(T0.AddHours(1)), Ok(T0.AddHours(2), "b2", null), Ok(T0.AddHours(3), "b3", Version(2, "t3"))]);

        Assert.Equal(4, observations.Count);
        Assert.True(observations.Zip(observations.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal([1, 1, 1, 2], observations.Select(o => o.Version ?? 1));
        Assert.Equal(observations.Select(o => o.Id), (await Catalog.GetObservationsAsync(Document)).Select(o => o.Id));
        Assert.Equal([1, 2], (await Catalog.GetVersionsAsync(Document)).Select(v => v.Number));
        // Each observation, snapshot and version has its ledger entry, chained, as when recorded one by one: 4 + 3 + 2.
        var ledger = await Catalog.GetLedgerAsync(1, long.MaxValue);
        Assert.Equal(["observation", "snapshot", "version", "observation", "observation", "snapshot", "observation", "snapshot", "version"], ledger.Select(e => e.Kind));
        var previous = LedgerChain.Genesis;
        foreach (var entry in ledger)
        {
            Assert.Equal((entry.Seq, previous), (LedgerChain.Parse(entry.Json).Seq, LedgerChain.Parse(entry.Json).Previous));
            previous = entry.Hash;
        }
    }

    [Fact]
    public async Task Captures_recorded_at_once_all_land_or_none_does()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        var head = await Catalog.GetLedgerHeadAsync();

        // The third one claims a version number already taken: the two before it are not kept either.
        await Assert.ThrowsAsync<VersionConflictException>(() => Catalog.RecordAllAsync([Failed(T0.AddHours(1)), Ok(T0.AddHours(2), "b2", null), Ok(T0.AddHours(3), "b3", Version(1, "t3"))]));

        Assert.Single(await Catalog.GetObservationsAsync(Document));
        Assert.Equal(head, await Catalog.GetLedgerHeadAsync());
        Assert.Equal(1, (await Catalog.CountRowsAsync())["snapshot"]);
    }

    [Fact]
    public async Task A_technical_version_reuses_a_recorded_snapshot_and_adds_no_observation()
    {
        var first = await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        var technical = new NewVersion(2, "t1-new-rules", 1, 1, 2, 2, "html/3", "rules2", Technical: true);

        var recorded = await Catalog.RecordTechnicalVersionAsync(Document, first.Id, "b1", T0.AddDays(5), technical);

        Assert.Equal(new DocumentVersion(Document, 2, T0.AddDays(5), "t1-new-rules", "b1", first.Id, 1, 1, "html/3", "rules2", true, false, 0), recorded);
        Assert.Equal(recorded, await Catalog.GetLatestVersionAsync(Document));
        Assert.True(Assert.Single(await Catalog.GetChangesAsync(Document)).Technical);
        // The capture still started version 1: a technical version counts from when it was recorded.
        var observation = Assert.Single(await Catalog.GetObservationsAsync(Document));
        Assert.Equal((true, 1), (observation.NewVersion, observation.Version));
        Assert.NotNull(await Catalog.GetLedgerEntryAsync(LedgerBodies.VersionSubject(Document, 2)));
        await Assert.ThrowsAsync<ArgumentException>(() => Catalog.RecordTechnicalVersionAsync(Document, first.Id, "b1", T0, Version(3, "t3")));
        await Assert.ThrowsAsync<VersionConflictException>(() => Catalog.RecordTechnicalVersionAsync(Document, first.Id, "b1", T0, technical));
    }

    [Fact]
    public async Task The_version_at_an_instant_is_the_latest_captured_at_or_before_it()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Ok(T0.AddDays(3), "b3", Version(2, "t2")));

        Assert.Null(await Catalog.GetVersionAtAsync(Document, T0.AddTicks(-1)));
        Assert.Equal(1, (await Catalog.GetVersionAtAsync(Document, T0))!.Number);
        Assert.Equal(1, (await Catalog.GetVersionAtAsync(Document, T0.AddDays(3).AddTicks(-1)))!.Number);
        Assert.Equal(2, (await Catalog.GetVersionAtAsync(Document, T0.AddDays(3)))!.Number);
        Assert.Equal(2, (await Catalog.GetVersionAtAsync(Document, T0.AddYears(30)))!.Number);
        // The same instant in another offset is the same instant.
        Assert.Equal(2, (await Catalog.GetVersionAtAsync(Document, T0.AddDays(3).ToOffset(TimeSpan.FromHours(5))))!.Number);
        Assert.Null(await Catalog.GetVersionAtAsync("bank/other", T0.AddYears(1)));
    }

    [Fact]
    public async Task Availability_counts_the_current_streak_of_attempts_that_went_the_same_way()
    {
        var never = await Catalog.GetAvailabilityAsync(Document);
        Assert.Equal(new Availability(Document, null, null, null, 0, 0), never);

        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Ok(T0.AddDays(1), "b1", null));
        var up = await Catalog.GetAvailabilityAsync(Document);
        Assert.Equal((T0.AddDays(1), T0, 2, 1), (up.LastSuccessAt, up.StreakSince, up.StreakAttempts, up.Versions));

        await Catalog.RecordAsync(Failed(T0.AddDays(2)));
        await Catalog.RecordAsync(Failed(T0.AddDays(3), Outcome.HttpError));
        var last = await Catalog.RecordAsync(Failed(T0.AddDays(4)));
        var down = await Catalog.GetAvailabilityAsync(Document);
        Assert.Equal(last, down.LastAttempt);
        Assert.Equal((T0.AddDays(1), T0.AddDays(2), 3), (down.LastSuccessAt, down.StreakSince, down.StreakAttempts));

        await Catalog.RecordAsync(Ok(T0.AddDays(5), "b1", null));
        var back = await Catalog.GetAvailabilityAsync(Document);
        Assert.Equal((T0.AddDays(5), T0.AddDays(5), 1), (back.LastSuccessAt, back.StreakSince, back.StreakAttempts));
    }

    [Fact]
    public async Task Rebuilding_a_history_makes_a_new_generation_and_keeps_the_superseded_versions_reachable()
    {
        var first = await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        var second = await Catalog.RecordAsync(Ok(T0.AddDays(2), "b2", Version(2, "t2")));
        Assert.Equal(0, await Catalog.GetGenerationAsync(Document));
        var old = await Catalog.GetVersionsAsync(Document);

        var rebuilt = await Catalog.RebuildVersionsAsync(Document,
        [
            new DerivedVersion(Version(1, "t0"), T0.AddDays(-10), first.Id, "b1"),
            new DerivedVersion(Version(2, "t1"), T0, first.Id, "b1"),
            new DerivedVersion(Version(3, "t2"), T0.AddDays(2), second.Id, "b2"),
        ], "import of older captures");

        Assert.Equal(1, await Catalog.GetGenerationAsync(Document));
        Assert.All(rebuilt, v => Assert.Equal(1, v.Generation));
        Assert.Equal(rebuilt, await Catalog.GetVersionsAsync(Document));
        Assert.Equal(3, (await Catalog.GetLatestVersionAsync(Document))!.Number);
        Assert.Equal(1, (await Catalog.GetVersionAtAsync(Document, T0.AddDays(-1)))!.Number);
        Assert.Equal([2, 3], (await Catalog.GetChangesAsync(Document)).Select(c => c.ToVersion));
        Assert.Equal(await Catalog.GetChangesAsync(Document), await Catalog.GetAllChangesAsync()); // the current generation only
        Assert.Equal(old[1], await Catalog.GetVersionInGenerationAsync(Document, 2, 0));
        Assert.Equal(rebuilt[1], await Catalog.GetVersionInGenerationAsync(Document, 2, 1));
        Assert.Null(await Catalog.GetVersionInGenerationAsync(Document, 3, 0));
        Assert.Equal("rebuild", (await Catalog.GetLedgerEntryAsync(LedgerBodies.RebuildSubject(Document, 1)))!.Kind);
        Assert.NotNull(await Catalog.GetLedgerEntryAsync(LedgerBodies.VersionSubject(Document, 3, 1)));

        // The next capture continues the current generation.
        await Assert.ThrowsAsync<VersionConflictException>(() => Catalog.RecordAsync(Ok(T0.AddDays(3), "b4", Version(3, "t4"))));
        await Catalog.RecordAsync(Ok(T0.AddDays(3), "b4", Version(4, "t4")));
        Assert.Equal(1, (await Catalog.GetVersionAsync(Document, 4))!.Generation);
        Assert.Equal(0, await Catalog.GetGenerationAsync("bank/other"));
    }

    [Fact]
    public async Task After_a_rebuild_observations_read_the_versions_of_the_current_generation_and_keep_what_was_recorded()
    {
        var older = await Catalog.RecordAsync(Ok(T0.AddDays(-10), "b0", null) with { Source = "import:old.warc#1" });
        await Catalog.RecordAsync(Failed(T0.AddDays(-5), Outcome.NotFound) with { Source = "import:old.warc#2" });
        await Catalog.RecordAsync(Ok(T0.AddDays(-3), "b0", null) with { Source = "import:old.warc#3" });
        var ours = await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Failed(T0.AddDays(1)));
        var last = await Catalog.RecordAsync(Ok(T0.AddDays(2), "b1", null));

        await Catalog.RebuildVersionsAsync(Document,
            [new DerivedVersion(Version(1, "t0"), T0.AddDays(-10), older.Id, "b0"), new DerivedVersion(Version(2, "t1"), T0, ours.Id, "b1")], "import");

        var observations = await Catalog.GetObservationsAsync(Document);
        Assert.Equal([true, false, false, true, false, false], observations.Select(o => o.NewVersion));
        Assert.Equal([1, null, 1, 2, null, (int?)2], observations.Select(o => o.Version));
        Assert.Equal(ours with { Version = 2 }, await Catalog.GetObservationAsync(ours.Id));
        Assert.Equal(last with { Version = 2 }, (await Catalog.GetAvailabilityAsync(Document)).LastAttempt);
        // What the ledger covers stays as it was recorded: no version for the import, version 1 for ours.
        Assert.Equal(older, await Catalog.GetRecordedObservationAsync(older.Id));
        Assert.Equal(ours, await Catalog.GetRecordedObservationAsync(ours.Id));
        Assert.Equal(LedgerBodies.Observation(ours, []), LedgerChain.Parse((await Catalog.GetLedgerEntryAsync(LedgerBodies.ObservationSubject(ours.Id)))!.Json).Body);
    }

    [Fact]
    public async Task Every_write_appends_ledger_entries_linked_by_hash_in_the_same_transaction()
    {
        Assert.Null(await Catalog.GetLedgerHeadAsync());
        var first = await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));   // observation, snapshot, version
        var failed = await Catalog.RecordAsync(Failed(T0.AddDays(1)));          // observation
        var discovery = await Catalog.RecordDiscoveryAsync("bank", T0.AddDays(2), "ok", """{"links":[]}""");

        var ledger = await Catalog.GetLedgerAsync(1, long.MaxValue);
        Assert.Equal([1L, 2, 3, 4, 5], ledger.Select(e => e.Seq));
        Assert.Equal(["observation", "snapshot", "version", "observation", "discovery"], ledger.Select(e => e.Kind));
        Assert.Equal(
            [LedgerBodies.ObservationSubject(first.Id), LedgerBodies.SnapshotSubject(first.Id), LedgerBodies.VersionSubject(Document, 1),
             LedgerBodies.ObservationSubject(failed.Id), LedgerBodies.DiscoverySubject(discovery.Id)],
            ledger.Select(e => e.Subject));
        var previous = LedgerChain.Genesis;
        foreach (var entry in ledger)
        {
            Assert.Equal(Hashing.Sha256Hex(Encoding.UTF8.GetBytes(entry.Json)), entry.Hash);
            var (seq, prev, _) = LedgerChain.Parse(entry.Json);
            Assert.Equal((entry.Seq, previous), (seq, prev));
            previous = entry.Hash;
        }
        Assert.Equal(LedgerBodies.Observation(failed, []), LedgerChain.Parse(ledger[3].Json).Body);

        Assert.Equal(ledger[^1], await Catalog.GetLedgerHeadAsync());
        Assert.Equal(ledger.Skip(1).Take(3), await Catalog.GetLedgerAsync(2, 4));
        Assert.Empty(await Catalog.GetLedgerAsync(6, 10));
        Assert.Equal(ledger[2], await Catalog.GetLedgerEntryAsync(LedgerBodies.VersionSubject(Document, 1)));
        Assert.Null(await Catalog.GetLedgerEntryAsync(LedgerBodies.VersionSubject(Document, 2)));
    }

    [Fact]
    public async Task Checkpoints_round_trip_and_a_second_one_for_the_same_entry_is_ignored()
    {
        var signed = new Checkpoint(3, T0, new string('a', 64), """{"seq":3}""", [0x30, 0x45, 0x00, 0xFF], [0x30, 0x82, 0x01], "https://tsa.example/");
        var untimed = new Checkpoint(7, T0.AddHours(1), new string('b', 64), """{"seq":7}""", [0x01], null, null);

        await Catalog.AddCheckpointAsync(untimed);
        await Catalog.AddCheckpointAsync(signed);
        await Catalog.AddCheckpointAsync(signed with { Signature = [0x99], At = T0.AddDays(1) });

        var stored = await Catalog.GetCheckpointsAsync();
        Assert.Equal([3L, 7], stored.Select(c => c.Seq));
        Assert.Equal((signed.At, signed.HeadHash, signed.Statement, signed.TsaUrl), (stored[0].At, stored[0].HeadHash, stored[0].Statement, stored[0].TsaUrl));
        Assert.Equal(signed.Signature, stored[0].Signature);
        Assert.Equal(signed.TimestampResponse, stored[0].TimestampResponse);
        Assert.Equal(untimed.Signature, stored[1].Signature);
        Assert.Null(stored[1].TimestampResponse);
        Assert.Null(stored[1].TsaUrl);
    }

    [Fact]
    public async Task Discoveries_round_trip_with_their_report_exactly_as_recorded()
    {
        // Key order and spacing are kept: the ledger commits to the report's SHA-256.
        const string report = """{"z": 1, "a": [ "https://bank.kz/privacy" ], "kk":"Құпиялылық"}""";
        var older = await Catalog.RecordDiscoveryAsync("bank", T0, "ok", report);
        var newer = await Catalog.RecordDiscoveryAsync("bank", T0.AddDays(1), "unreachable", "{}");
        await Catalog.RecordDiscoveryAsync("other", T0, "ok", "{}");

        Assert.Equal(new DiscoveryRecord(older.Id, "bank", T0, "ok", report), older);
        Assert.Equal(older, await Catalog.GetDiscoveryAsync(older.Id));
        Assert.Equal([older, newer], await Catalog.GetDiscoveriesAsync("bank"));
        Assert.Empty(await Catalog.GetDiscoveriesAsync("nobody"));
        Assert.Null(await Catalog.GetDiscoveryAsync(newer.Id + 100));
        Assert.Equal(LedgerBodies.Discovery(older), LedgerChain.Parse((await Catalog.GetLedgerEntryAsync(LedgerBodies.DiscoverySubject(older.Id)))!.Json).Body);
    }

    [Fact]
    public async Task Row_counts_cover_what_the_ledger_covers_across_generations()
    {
        var first = await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.RecordAsync(Failed(T0.AddDays(1)));
        await Catalog.RebuildVersionsAsync(Document, [new DerivedVersion(Version(1, "t1"), T0, first.Id, "b1")], "test");
        await Catalog.RecordDiscoveryAsync("bank", T0, "ok", "{}");

        var counts = await Catalog.CountRowsAsync();
        Assert.Equal(new Dictionary<string, long> { ["observation"] = 2, ["snapshot"] = 1, ["version"] = 2, ["discovery"] = 1 },
            counts.OrderBy(c => c.Key).ToDictionary());
    }

    [Fact]
    public async Task Imported_captures_are_found_by_source_and_get_their_version_when_history_is_derived()
    {
        var imported = await Catalog.RecordAsync(Ok(T0, "b1", null) with { Source = "import:old.warc.gz#3" });

        Assert.True(await Catalog.HasSourceAsync(Document, "import:old.warc.gz#3"));
        Assert.False(await Catalog.HasSourceAsync(Document, "import:old.warc.gz#4"));
        Assert.False(await Catalog.HasSourceAsync("bank/other", "import:old.warc.gz#3"));
        Assert.Null(imported.Version);
        Assert.Equal("import:old.warc.gz#3", (await Catalog.GetObservationAsync(imported.Id))!.Source);
    }

    [Fact]
    public async Task Warc_records_are_found_by_payload_and_by_block_and_listed_by_file_and_offset()
    {
        var later = await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")) with
        {
            Warc = [Warc("r2", "response", "response", "warc/b.warc.gz", 0, "sha1:B2", "sha1:P"), Warc("s2", "resource", "screenshot", "warc/b.warc.gz", 500, "sha1:S")],
        });
        await Catalog.RecordAsync(Ok(T0.AddDays(1), "b1", null) with
        {
            Warc = [Warc("r3", "revisit", "revisit", "warc/a.warc.gz", 700, "sha1:H", "sha1:P"), Warc("s3", "resource", "screenshot", "warc/a.warc.gz", 900, "sha1:S")],
        });

        Assert.Equal("<urn:uuid:r2>", (await Catalog.FindResponseAsync(Url, "sha1:P"))!.RecordId);
        Assert.Null(await Catalog.FindResponseAsync(Url + "/other", "sha1:P"));
        Assert.Null(await Catalog.FindResponseAsync(Url, "sha1:H"));
        Assert.Equal("<urn:uuid:s2>", (await Catalog.FindBlockAsync("screenshot", "sha1:S"))!.RecordId);
        Assert.Null(await Catalog.FindBlockAsync("dom", "sha1:S"));
        Assert.Equal(["<urn:uuid:r3>", "<urn:uuid:s3>", "<urn:uuid:r2>", "<urn:uuid:s2>"], (await Catalog.GetAllWarcRecordsAsync()).Select(r => r.RecordId));
        Assert.Equal(["<urn:uuid:r2>", "<urn:uuid:s2>"], (await Catalog.GetWarcRecordsAsync(later.Id)).Select(r => r.RecordId));
    }

    [Fact]
    public async Task A_payload_is_found_at_its_own_url_first_and_else_at_any_url()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")) with
        {
            Warc =
            [
                Warc("f1", "response", "subresource", "warc/a.warc.gz", 0, "sha1:B1", "sha1:F") with { TargetUri = Url + "/site.css?v=1" },
                Warc("f2", "revisit", "subresource", "warc/a.warc.gz", 100, "sha1:B2", "sha1:F") with { TargetUri = Url + "/site.css?v=2" },
                Warc("f3", "response", "subresource", "warc/a.warc.gz", 200, "sha1:B3", "sha1:F") with { TargetUri = Url + "/copy.css" },
            ],
        });

        Assert.Equal("<urn:uuid:f1>", (await Catalog.FindPayloadAsync("sha1:F", Url + "/site.css?v=2"))!.RecordId); // a revisit is no original
        Assert.Equal("<urn:uuid:f3>", (await Catalog.FindPayloadAsync("sha1:F", Url + "/copy.css"))!.RecordId);
        Assert.Equal(Url + "/site.css?v=1", (await Catalog.FindPayloadAsync("sha1:F", Url + "/other.css"))!.TargetUri);
        Assert.Null(await Catalog.FindPayloadAsync("sha1:G", Url + "/site.css?v=1"));
    }

    [Fact]
    public async Task The_response_of_a_url_nearest_to_an_instant_is_found_before_or_after_it_and_requests_and_other_urls_are_not()
    {
        WarcRecordLocation At(string id, string type, string uri, DateTimeOffset date) =>
            new($"<urn:uuid:{id}>", type, type == "request" ? "request" : "subresource", uri, date, "warc/a.warc.gz", date.Ticks % 10_000, 100, "sha256:" + id, "sha256:p" + id);
        const string Css = "https://bank.kz/static/site.css";
        await Catalog.RecordAsync(Ok(T0, "b1", null) with
        {
            Warc = [At("q1", "request", Css, T0), At("c1", "response", Css, T0), At("o1", "response", Css + "x", T0.AddDays(2)), At("v1", "response", Css + "?v=1", T0)],
        });
        await Catalog.RecordAsync(Ok(T0.AddDays(10), "b1", null) with
        {
            Warc = [At("c2", "revisit", Css, T0.AddDays(10)), At("q2", "request", Css, T0.AddDays(10).AddTicks(1)), At("v2", "response", Css + "?v=2", T0.AddDays(10))],
        });

        Assert.Equal("<urn:uuid:c1>", (await Catalog.FindNearestResponseAsync(Css, T0.AddDays(-3)))!.RecordId);
        Assert.Equal("<urn:uuid:c1>", (await Catalog.FindNearestResponseAsync(Css, T0))!.RecordId);
        Assert.Equal("<urn:uuid:c1>", (await Catalog.FindNearestResponseAsync(Css, T0.AddDays(4)))!.RecordId);
        Assert.Equal("<urn:uuid:c1>", (await Catalog.FindNearestResponseAsync(Css, T0.AddDays(5)))!.RecordId); // as near: the earlier
        Assert.Equal("<urn:uuid:c2>", (await Catalog.FindNearestResponseAsync(Css, T0.AddDays(6)))!.RecordId);
        Assert.Equal("<urn:uuid:c2>", (await Catalog.FindNearestResponseAsync(Css, T0.AddDays(30)))!.RecordId);
        Assert.Null(await Catalog.FindNearestResponseAsync("https://bank.kz/static/other.css", T0));

        Assert.Equal("<urn:uuid:v2>", (await Catalog.FindNearestResponseWithAnyQueryAsync(Css, T0.AddDays(9)))!.RecordId);
        Assert.Equal("<urn:uuid:v1>", (await Catalog.FindNearestResponseWithAnyQueryAsync(Css, T0.AddDays(1)))!.RecordId);
        Assert.Null(await Catalog.FindNearestResponseWithAnyQueryAsync("https://bank.kz/STATIC/site.css", T0));
        Assert.Null(await Catalog.FindNearestResponseWithAnyQueryAsync("https://bank.kz/static/site", T0));
    }

    [Fact]
    public async Task Documents_are_every_one_observed_once_or_more_in_ordinal_order()
    {
        foreach (var document in new[] { "bank/privacy-ru", "Bank/terms", "alpha/privacy", "bank/privacy-kk" })
            await Catalog.RecordAsync(Failed(T0, document: document));
        await Catalog.RecordAsync(Failed(T0.AddDays(1), document: "alpha/privacy"));

        Assert.Equal(["Bank/terms", "alpha/privacy", "bank/privacy-kk", "bank/privacy-ru"], await Catalog.GetDocumentsAsync());
    }

    [Fact]
    public async Task Initialising_twice_keeps_the_data()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Catalog.InitializeAsync();
        Assert.Single(await Catalog.GetVersionsAsync(Document));
    }

    [Fact]
    public async Task The_verifier_finds_an_archive_on_this_catalog_intact_and_then_a_row_changed_behind_its_back()
    {
        var directory = TempDirectory();
        using var archive = new Archive(directory, new FileSystemBlobStore(Path.Combine(directory, "blobs")), Catalog, TimeProvider.System);
        var body = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes("<html>Құпиялылық саясаты</html>"));
        var text = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes("Құпиялылық саясаты"));
        var textBlock = Encoding.UTF8.GetBytes("Құпиялылық саясаты");
        var warc = await archive.Warc.WriteAsync(
        [
            (new WarcRecord { Block = textBlock }
                .Add("WARC-Type", "resource")
                .Add("WARC-Record-ID", WarcRecord.NewRecordId())
                .Add("WARC-Date", WarcRecord.Date(T0))
                .Add("WARC-Target-URI", "urn:policyarchiver:text:" + Url)
                .Add("Content-Type", "text/plain; charset=utf-8")
                .Add("WARC-Block-Digest", WarcDigest.Of(textBlock)), "text"),
        ], CancellationToken.None);
        var first = await Catalog.RecordAsync(Ok(T0, body, Version(1, text)) with { Warc = warc });
        await Catalog.RecordAsync(Ok(T0.AddDays(1), body, null));
        await Catalog.RecordAsync(Failed(T0.AddDays(2)));
        await Catalog.RebuildVersionsAsync(Document, [new DerivedVersion(Version(1, text), T0, first.Id, body)], "test");
        await Catalog.RecordDiscoveryAsync("bank", T0, "ok", """{"links":["https://bank.kz/privacy"]}""");
        await new Checkpointer(Catalog, archive.Key, TimeProvider.System).CheckpointAsync(LedgerStart.Empty, CancellationToken.None);

        var intact = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        Assert.True(intact.Intact, string.Join("\n", intact.Problems));
        Assert.Equal((2L, 2L, 9L, 1L), (intact.Checked["blobs"], intact.Checked["warcRecords"], intact.Checked["ledgerEntries"], intact.Checked["checkpoints"]));

        await ExecuteBehindItsBackAsync("UPDATE observations SET url = 'https://bank.kz/other' WHERE document = 'bank/privacy-ru' AND outcome = 'timeout'");

        var damaged = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        var problem = Assert.Single(damaged.Problems);
        Assert.Equal("catalog", problem.Kind);
        Assert.Contains("differs from what the ledger recorded", problem.Detail);
    }
    [Fact]
    public async Task A_key_rotation_is_a_ledger_entry_signed_by_the_old_key_and_verify_follows_it()
    {
        var directory = TempDirectory();
        using var archive = new Archive(directory, new FileSystemBlobStore(Path.Combine(directory, "blobs")), Catalog, TimeProvider.System);
        await Catalog.RecordAsync(Failed(T0));
        var old = archive.Key.PublicKeySha256;

        var rotated = await new KeyRotator(Catalog, archive.Key, archive.KeysDirectory, TimeProvider.System).RotateAsync(LedgerStart.Empty, CancellationToken.None);

        Assert.Equal((2L, KeyRotation.Kind, $"key-rotation:{rotated.Rotation.NewKeySha256}"), (rotated.Entry.Seq, rotated.Entry.Kind, rotated.Entry.Subject));
        Assert.Equal(rotated.Entry, await Catalog.GetLedgerHeadAsync());
        var body = KeyRotation.Parse(LedgerChain.Parse(rotated.Entry.Json).Body);
        Assert.Equal((old, rotated.Rotation.NewKeySha256), (body.OldKeySha256, body.NewKeySha256));
        Assert.Null(body.Flaw());
        Assert.Equal([1L, 2L], (await Catalog.GetCheckpointsAsync()).Select(c => c.Seq));
        var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        Assert.True(report.Intact, string.Join("\n", report.Problems));
        Assert.Equal([new KeyPeriod(old, null, 2), new KeyPeriod(body.NewKeySha256, 2, null)], report.KeyHistory);
    }
}
