using System.Text.Json;
using Microsoft.Data.Sqlite;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Evidence;

/// <summary>
/// An embedded archive grown by importing hand-saved files (Fixtures/evidence), with no site and no
/// browser: the quickest way to a real ledger with real checkpoints, to tamper with behind its back.
/// </summary>
internal sealed class OfflineArchive : IDisposable
{
    public const string Document = "bank/privacy-policy-ru";

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "evidence");

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    public string ArchiveDirectory => Path.Combine(Directory, "archive");
    private string TargetsFile => Path.Combine(Fixtures, "targets.json");

    public OfflineArchive() => System.IO.Directory.CreateDirectory(Directory);

    /// <summary>Imports one of the fixture manifests: saved-may, saved-july or saved-september.</summary>
    public Task<Support.Cli.Result> ImportAsync(string manifest) => RunAsync("import", "--manifest", Path.Combine(Fixtures, $"{manifest}.jsonl"));

    public async Task<Support.Cli.Result> RunAsync(params string[] args)
    {
        var result = await Support.Cli.RunAsync([.. args, "--archive", ArchiveDirectory, "--targets", TargetsFile]);
        SqliteConnection.ClearAllPools();
        return result;
    }

    public async Task<(int Code, JsonElement Report)> VerifyAsync(params string[] options)
    {
        var result = await RunAsync(["verify", "--json", .. options]);
        return (result.ExitCode, JsonDocument.Parse(result.Out).RootElement);
    }

    public static List<(string Kind, string Location, string Detail)> Problems(JsonElement report) =>
        report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("kind").GetString()!, p.GetProperty("location").GetString()!, p.GetProperty("detail").GetString()!)).ToList();

    /// <summary>Runs statements on catalog.db directly, as someone with the database would.</summary>
    public void Sql(params string[] statements) => BehindItsBack.Sql(ArchiveDirectory, statements);

    public long Scalar(string sql) => Convert.ToInt64(BehindItsBack.Scalar(ArchiveDirectory, sql), System.Globalization.CultureInfo.InvariantCulture);

    public string Text(string sql) => (string)BehindItsBack.Scalar(ArchiveDirectory, sql)!;

    /// <summary>What a command must leave as it was when it refuses: ledger, checkpoints, observations.</summary>
    public (long Ledger, long Checkpoints, long Observations) Counts() =>
        (Scalar("SELECT COUNT(*) FROM ledger"), Scalar("SELECT COUNT(*) FROM checkpoints"), Scalar("SELECT COUNT(*) FROM observations"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on a pooled connection; the temp directory is disposable.
        }
    }
}
