using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Storage;

public class SqliteCatalogTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private SqliteCatalog _catalog = null!;
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _catalog = new SqliteCatalog(Path.Combine(_dir, "catalog.db"));
        await _catalog.InitializeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static CapturedSnapshot Snapshot(string sha) =>
        new(sha, 10, "text/html; charset=utf-8", "utf-8", 200, "https://bank.kz/privacy", new Dictionary<string, string> { ["server"] = "nginx" }, null, null);

    private static CaptureRecord Ok(DateTimeOffset at, string body, NewVersion? version) =>
        new("bank/privacy-ru", at, Outcome.Ok, 200, "https://bank.kz/privacy", "https://bank.kz/privacy", null, 1, 800, Snapshot(body), version, []);

    private static NewVersion Version(int n, string text) => new(n, text, 3, 1, 10, 2, "test/1");

    [Fact]
    public async Task Records_observations_versions_and_changes_and_answers_time_travel()
    {
        await _catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await _catalog.RecordAsync(Ok(T0.AddDays(1), "b2", null));
        await _catalog.RecordAsync(new CaptureRecord("bank/privacy-ru", T0.AddDays(2), Outcome.Timeout, null, "https://bank.kz/privacy", null, "Timeout 45000ms exceeded", 4, 180000, null, null, []));
        await _catalog.RecordAsync(Ok(T0.AddDays(3), "b3", Version(2, "t2")));

        var observations = await _catalog.GetObservationsAsync("bank/privacy-ru");
        Assert.Equal([Outcome.Ok, Outcome.Ok, Outcome.Timeout, Outcome.Ok], observations.Select(o => o.Outcome));
        Assert.Equal([true, false, false, true], observations.Select(o => o.NewVersion));
        Assert.Equal([1, 1, (int?)null, 2], observations.Select(o => o.Version));
        Assert.Null(observations[2].SnapshotSha256);

        var versions = await _catalog.GetVersionsAsync("bank/privacy-ru");
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(T0.AddDays(3), versions[1].CapturedAt);

        Assert.Null(await _catalog.GetVersionAtAsync("bank/privacy-ru", T0.AddSeconds(-1)));
        Assert.Equal(1, (await _catalog.GetVersionAtAsync("bank/privacy-ru", T0))!.Number);
        Assert.Equal(1, (await _catalog.GetVersionAtAsync("bank/privacy-ru", T0.AddDays(3).AddTicks(-1)))!.Number);
        Assert.Equal(2, (await _catalog.GetVersionAtAsync("bank/privacy-ru", T0.AddDays(30)))!.Number);

        var change = Assert.Single(await _catalog.GetChangesAsync("bank/privacy-ru"));
        Assert.Equal((1, 2, 3, 1, 10, 2), (change.FromVersion, change.ToVersion, change.LinesAdded, change.LinesRemoved, change.WordsAdded, change.WordsRemoved));

        var snapshot = await _catalog.GetSnapshotAsync(observations[0].Id);
        Assert.Equal("nginx", snapshot!.Headers["server"]);
        Assert.Equal(["bank/privacy-ru"], await _catalog.GetDocumentsAsync());
    }

    [Fact]
    public async Task A_version_number_already_taken_is_a_conflict_and_records_nothing()
    {
        await _catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await Assert.ThrowsAsync<VersionConflictException>(() => _catalog.RecordAsync(Ok(T0.AddHours(1), "b2", Version(1, "t2"))));
        Assert.Single(await _catalog.GetObservationsAsync("bank/privacy-ru"));
    }

    [Fact]
    public async Task Initialising_twice_keeps_the_data()
    {
        await _catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        await _catalog.InitializeAsync();
        Assert.Single(await _catalog.GetVersionsAsync("bank/privacy-ru"));
    }
}
