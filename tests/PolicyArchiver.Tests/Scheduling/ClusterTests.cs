using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Scheduling;

/// <summary>
/// Two <c>run</c> processes against one PostgreSQL and one Azurite: Quartz's clustered job store
/// gives each firing to exactly one node, and when a node is killed the other carries on.
/// </summary>
public sealed partial class ClusterTests : IAsyncLifetime
{
    private const string Privacy = "testbank/privacy-policy-ru", Kazakh = "testbank/privacy-policy-kk";
    private FixtureSite _site = null!;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private string ArchiveDirectory => Path.Combine(_directory, "archive");
    private string Targets => Path.Combine(_directory, "targets.json");

    [GeneratedRegex(@"\] (?<document>\S+): .* \(firing (?<firing>\S+) on (?<node>\S+)\)")]
    private static partial Regex Firing();

    private sealed class Node(Process process)
    {
        public Process Process { get; } = process;
        public ConcurrentQueue<(string Document, string Firing, string Node)> Firings { get; } = new();
        public ConcurrentQueue<string> Log { get; } = new();
    }

    public async Task InitializeAsync()
    {
        _site = await FixtureSite.StartAsync();
        var tenant = _site.NewTenant();
        Directory.CreateDirectory(_directory);
        var json = JsonNode.Parse(FixtureSite.TargetsFor(tenant))!;
        var documents = json["companies"]![0]!["documents"]!.AsArray();
        foreach (var d in documents.ToList())
        {
            var key = "testbank/" + d!["id"]!.GetValue<string>();
            if (key is not (Privacy or Kazakh)) documents.Remove(d);
            else d["schedule"] = "*/2 * * * * ?"; // every two seconds
        }
        await File.WriteAllTextAsync(Targets, json.ToJsonString());
        await TestStorage.WriteDistributedSettingsAsync(ArchiveDirectory);
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private Node Start()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "policyarchiver"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "run", "--loopback-only", "--no-web", "--cluster-checkin", "1", "--host-delay", "0.2", "--archive", ArchiveDirectory, "--targets", Targets })
            start.ArgumentList.Add(a);
        var node = new Node(Process.Start(start)!);
        node.Process.OutputDataReceived += (_, e) => Read(node, e.Data);
        node.Process.ErrorDataReceived += (_, e) => Read(node, e.Data);
        node.Process.BeginOutputReadLine();
        node.Process.BeginErrorReadLine();
        return node;
    }

    private static void Read(Node node, string? line)
    {
        if (line is null) return;
        node.Log.Enqueue(line);
        if (Firing().Match(line) is { Success: true } m) node.Firings.Enqueue((m.Groups["document"].Value, m.Groups["firing"].Value, m.Groups["node"].Value));
    }

    private static string Logs(params Node[] nodes) => string.Join("\n---\n", nodes.Select(n => string.Join("\n", n.Log.TakeLast(40))));

    [Fact]
    public async Task Each_firing_runs_on_exactly_one_node_and_a_killed_nodes_jobs_go_on_elsewhere()
    {
        var a = Start();
        var b = Start();
        try
        {
            await Eventually.WaitAsync(() => Task.FromResult(a.Firings.Concat(b.Firings).Count(f => f.Document == Privacy) >= 6 && a.Firings.Concat(b.Firings).Count(f => f.Document == Kazakh) >= 6),
                "six firings of each document across the cluster", seconds: 120);
            var together = a.Firings.Concat(b.Firings).Select(f => (f.Document, f.Firing)).ToList();
            Assert.True(together.Count == together.Distinct().Count(), "a firing ran twice:\n" + Logs(a, b));

            // Kill the node that has done more of the work, without warning.
            var (victim, survivor) = a.Firings.Count >= b.Firings.Count ? (a, b) : (b, a);
            victim.Process.Kill(entireProcessTree: true);
            await victim.Process.WaitForExitAsync();
            var killedAt = DateTimeOffset.UtcNow;
            var before = survivor.Firings.Count;

            await Eventually.WaitAsync(() => Task.FromResult(survivor.Firings.Count(f => f.Document == Privacy && DateTimeOffset.Parse(f.Firing) > killedAt) >= 3 &&
                                                             survivor.Firings.Count(f => f.Document == Kazakh && DateTimeOffset.Parse(f.Firing) > killedAt) >= 3),
                "three firings of each document on the surviving node after the kill", seconds: 120);
            Assert.True(survivor.Firings.Count > before);
            var all = a.Firings.Concat(b.Firings).Select(f => (f.Document, f.Firing)).ToList();
            Assert.True(all.Count == all.Distinct().Count(), "a firing ran twice:\n" + Logs(a, b));
        }
        finally
        {
            foreach (var node in new[] { a, b }.Where(n => !n.Process.HasExited))
            {
                // A graceful stop, as systemd or Docker would: SIGTERM.
                Signals.Terminate(node.Process);
                if (!node.Process.WaitForExit(60_000)) node.Process.Kill(entireProcessTree: true);
            }
        }

        // Every firing a node logged is one observation in the shared catalog, and the archive is intact.
        using var archive = await TestStorage.OpenReadOnlyAsync(ArchiveDirectory);
        var observations = (await archive.Catalog.GetObservationsAsync(Privacy)).Count + (await archive.Catalog.GetObservationsAsync(Kazakh)).Count;
        Assert.True(observations >= a.Firings.Count + b.Firings.Count, $"{observations} observations for {a.Firings.Count + b.Firings.Count} logged firings");
        var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        Assert.True(report.Intact, string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Location}: {p.Detail}")));
    }

    [Fact]
    public async Task A_lost_database_fails_captures_cleanly_and_they_resume_when_it_is_back()
    {
        var settings = TestStorage.SettingsOf(ArchiveDirectory);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(settings.CatalogConnectionString).Database!;
        var server = await PostgresServer.GetAsync();
        var node = Start();
        try
        {
            await Eventually.WaitAsync(() => Task.FromResult(node.Firings.Count >= 4), "captures before the outage", seconds: 120);

            // The database goes away: no new connections, and every open one is cut.
            await AdminAsync(server, $"ALTER DATABASE {database} ALLOW_CONNECTIONS false",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
            await Eventually.WaitAsync(() => Task.FromResult(node.Log.Any(l => l.Contains("capture failed and was not recorded", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal))),
                "the node noticing the outage", seconds: 60);
            await Task.Delay(TimeSpan.FromSeconds(3)); // a few firings fall into the outage
            Assert.False(node.Process.HasExited, "the node must survive the outage:\n" + Logs(node));

            await AdminAsync(server, $"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
            var back = DateTimeOffset.UtcNow;
            await Eventually.WaitAsync(() => Task.FromResult(node.Firings.Count(f => DateTimeOffset.Parse(f.Firing) > back) >= 4), "captures after the database is back", seconds: 120);
        }
        finally
        {
            Signals.Terminate(node.Process);
            if (!node.Process.WaitForExit(60_000)) node.Process.Kill(entireProcessTree: true);
        }
        // Nothing half-recorded: every row has its ledger entry and every entry its evidence.
        using var archive = await TestStorage.OpenReadOnlyAsync(ArchiveDirectory);
        var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        Assert.True(report.Intact, string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Location}: {p.Detail}")));
    }

    private static async Task AdminAsync(PostgresServer server, params string[] statements)
    {
        await using var c = new Npgsql.NpgsqlConnection(server.AdminConnectionString);
        await c.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, c);
            await command.ExecuteNonQueryAsync();
        }
    }
}
