using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Sqlite;

/// <summary>The embedded catalog: one SQLite file, <c>archive/catalog.db</c>, in WAL mode.</summary>
/// <param name="time">Stamps the schema migrations this catalog applies.</param>
internal sealed class SqliteCatalog(string path, TimeProvider time, bool readOnly = false) : RelationalCatalog(new SqliteDialect(path, readOnly), time)
{
    /// <summary>A catalog that is only read: its file is never modified (so nothing is ever stamped with the time).</summary>
    public static SqliteCatalog ReadOnly(string path, TimeProvider time) => new(path, time, readOnly: true);

    public string Path { get; } = path;
}
