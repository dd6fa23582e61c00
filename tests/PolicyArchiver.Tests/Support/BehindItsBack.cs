using Microsoft.Data.Sqlite;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Support;

/// <summary>What a forger with write access to an embedded archive's catalog.db does, without the program.</summary>
public static class BehindItsBack
{
    /// <summary>Runs statements on catalog.db; returns the rows each changed.</summary>
    public static IReadOnlyList<int> Sql(string archiveDirectory, params string[] statements)
    {
        var changed = new List<int>();
        using (var c = Open(archiveDirectory))
            foreach (var sql in statements)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                changed.Add(cmd.ExecuteNonQuery());
            }
        SqliteConnection.ClearAllPools();
        return changed;
    }

    public static object? Scalar(string archiveDirectory, string sql)
    {
        using var c = Open(archiveDirectory);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>Edits the entry at <paramref name="from"/> and re-links every later one, as a forger with the database would.</summary>
    public static void RehashLedger(string archiveDirectory, long from, Func<string, string> edit)
    {
        var entries = new List<(long Seq, string Json, string Hash)>();
        using (var c = Open(archiveDirectory))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT seq, json, hash FROM ledger WHERE seq >= {from} ORDER BY seq";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) entries.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        string? oldPrevious = null, newPrevious = null;
        foreach (var (seq, json, hash) in entries)
        {
            var forged = oldPrevious is null ? edit(json) : json.Replace($"\"prev\":\"{oldPrevious}\"", $"\"prev\":\"{newPrevious}\"");
            var forgedHash = Hashing.Sha256Hex(forged);
            Assert.Equal([1], Sql(archiveDirectory, $"UPDATE ledger SET json = '{forged.Replace("'", "''")}', hash = '{forgedHash}' WHERE seq = {seq}"));
            (oldPrevious, newPrevious) = (hash, forgedHash);
        }
    }

    private static SqliteConnection Open(string archiveDirectory)
    {
        var c = new SqliteConnection($"Data Source={Path.Combine(archiveDirectory, "catalog.db")};Pooling=False");
        c.Open();
        return c;
    }
}
