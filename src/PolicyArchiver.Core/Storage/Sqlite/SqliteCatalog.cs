using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Sqlite;

/// <summary>The embedded catalog: one SQLite file, <c>archive/catalog.db</c>, in WAL mode.</summary>
public sealed class SqliteCatalog : RelationalCatalog
{
    /// <param name="time">Stamps the schema migrations this catalog applies.</param>
    public SqliteCatalog(string path, TimeProvider time) : this(path, time, readOnly: false)
    {
    }

    private SqliteCatalog(string path, TimeProvider time, bool readOnly) : base(new SqliteDialect(path, readOnly), time) => Path = path;

    /// <summary>A catalog that is only read: its file is never modified (so nothing is ever stamped with the time).</summary>
    public static SqliteCatalog ReadOnly(string path) => new(path, TimeProvider.System, readOnly: true);

    public string Path { get; }
}
