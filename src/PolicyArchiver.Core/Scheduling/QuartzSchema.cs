using Npgsql;

namespace PolicyArchiver.Scheduling;

/// <summary>
/// The tables of Quartz's clustered job store, created in the catalog's PostgreSQL database with
/// the script Quartz ships for it (<c>create_postgres.sql</c>: every statement creates only what is
/// missing). Run under an advisory lock, so nodes that start at the same moment do not race on
/// <c>CREATE TABLE IF NOT EXISTS</c>, which PostgreSQL does not make safe between concurrent transactions.
/// </summary>
internal static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    /// <summary>Arbitrary, fixed: the advisory lock every node takes while provisioning.</summary>
    private const long LockKey = 0x5041_5154_5A00; // "PAQTZ"

    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static async Task EnsureAsync(string connectionString, CancellationToken ct)
    {
        var script = await ReadScriptAsync(ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        foreach (var statement in script.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries))
        {
            var sql = string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
            if (sql.Length == 0) continue;
            await using var command = new NpgsqlCommand(sql.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal), connection, tx);
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<string> ReadScriptAsync(CancellationToken ct)
    {
        await using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
                                 ?? throw new InvalidOperationException($"Quartz no longer ships {Resource}: check the Quartz version");
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync(ct)).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
