using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Postgres;

/// <summary>
/// The distributed catalog: one PostgreSQL database shared by worker processes on several
/// machines, holding exactly what the embedded SQLite catalog holds (see <see cref="PostgresDialect"/> for how writers take turns).
/// </summary>
internal sealed class PostgresCatalog : RelationalCatalog
{
    /// <summary>A catalog that reads and writes, and migrates the schema in <see cref="RelationalCatalog.InitializeAsync"/>, stamping each migration with <paramref name="time"/>.</summary>
    public PostgresCatalog(string connectionString, TimeProvider time) : this(connectionString, time, new PostgresDialect(connectionString, readOnly: false))
    {
    }

    private PostgresCatalog(string connectionString, TimeProvider time, PostgresDialect dialect) : base(dialect, time)
    {
        ConnectionString = connectionString;
        Server = dialect.Where;
    }

    /// <summary>
    /// A catalog that is only read (what <c>verify</c> and <c>serve</c> use): it never migrates the
    /// schema nor writes, and its sessions are read-only on the server as well.
    /// </summary>
    public static PostgresCatalog ReadOnly(string connectionString, TimeProvider time) => new(connectionString, time, new PostgresDialect(connectionString, readOnly: true));

    /// <summary>The connection string as given, without the read-only session option: the search index beside the catalog is derived data it may write even when the catalog is read-only.</summary>
    internal string ConnectionString { get; }

    /// <summary>Where the catalog is, as <c>host:port/database</c>: safe to show, it holds no credentials.</summary>
    public string Server { get; }
}
