using System.Diagnostics;
using Npgsql;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the test run: one per process, started on first use in a temporary
/// directory on a free loopback port, stopped and removed when the process exits. Each catalog gets
/// a database of its own, so tests never see each other's rows.
/// </summary>
/// <remarks>
/// Tests run as root here and PostgreSQL refuses to: the server runs as the <c>postgres</c> user,
/// which owns its data directory. Missing binaries fail the tests (they are never skipped): CI must
/// exercise the distributed catalog, and <c>bash .ci/install</c> installs PostgreSQL.
/// </remarks>
public sealed class PostgresServer
{
    private const string Superuser = "postgres";
    private const string Prefix = "policyarchiver-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _dataDirectory;
    private readonly string _binaries;
    private readonly string _password;

    private PostgresServer(string root, string binaries, int port, string password)
    {
        Root = root;
        _dataDirectory = Path.Combine(root, "data");
        _binaries = binaries;
        Port = port;
        _password = password;
    }

    /// <summary>The temporary directory holding the cluster (removed at exit).</summary>
    public string Root { get; }

    public int Port { get; }

    /// <summary>The server of this test run, started the first time it is asked for.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string to the server's own <c>postgres</c> database, for administration.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = Superuser,
        Password = _password,
        // A database per catalog and many catalogs per run: idle connections are not worth keeping.
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 10,
    }.ConnectionString;

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var c = new NpgsqlConnection(AdminConnectionString);
        await c.OpenAsync();
        // A database name cannot be a parameter; this one is made of hex digits above. Its default
        // collation is linguistic (ICU en-US), as production databases often are: the catalog must
        // not depend on the database's locale for the order of documents and instants.
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'", c);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what is still connected,
    /// so the cluster stays small and is removed quickly at exit.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith("t_", StringComparison.Ordinal) || !name[2..].All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("not a database this server created", nameof(connectionString));
        await using var c = new NpgsqlConnection(AdminConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries();
        var runAsPostgres = Environment.UserName == "root";
        await StopAbandonedAsync(binaries, runAsPostgres);
        var root = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N"));
        var password = Guid.NewGuid().ToString("N");
        var server = new PostgresServer(root, binaries, Ports.Free(), password);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var passwordFile = Path.Combine(root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        Directory.CreateDirectory(server._dataDirectory);
        if (runAsPostgres)
        {
            await RunAsync("chown", ["-R", Superuser + ":", root]);
        }
        await server.PgAsync(runAsPostgres, "initdb",
            ["-D", server._dataDirectory, "-U", Superuser, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
        File.Delete(passwordFile);
        // fsync off: a test server holds nothing worth surviving a power cut, so CI disks are spared the flushes.
        await server.PgAsync(runAsPostgres, "pg_ctl",
            ["-D", server._dataDirectory, "-l", Path.Combine(server._dataDirectory, "log"), "-w", "start",
             "-o", $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {server._dataDirectory} -c max_connections=300 -c fsync=off"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(runAsPostgres);
        return server;
    }

    /// <summary>
    /// Servers left by test runs that were killed (ProcessExit never ran): stopped and removed, so
    /// they do not pile up on a CI machine.
    /// </summary>
    private static async Task StopAbandonedAsync(string binaries, bool runAsPostgres)
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.Combine(root, OwnerFile);
            if (File.Exists(owner) && int.TryParse(await File.ReadAllTextAsync(owner), out var pid) && IsAlive(pid)) continue;
            // Another test process may have created it a moment ago and not yet written its owner.
            if (!File.Exists(owner) && Directory.GetCreationTimeUtc(root) > DateTime.UtcNow.AddMinutes(-1)) continue;
            var server = new PostgresServer(root, binaries, 0, "");
            server.Stop(runAsPostgres);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>) and removes its directory, in a detached process:
    /// at exit the test host is killed about 100 ms after <see cref="AppDomain.ProcessExit"/> begins,
    /// too soon for a shutdown and the removal of a cluster, so they must not depend on it surviving.
    /// </summary>
    private void Stop(bool runAsPostgres)
    {
        NpgsqlConnection.ClearAllPools();
        var pgCtl = Path.Combine(_binaries, "pg_ctl");
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        // $1 the data directory, $2 the directory to remove, $3 pg_ctl, $4 "runuser -u postgres --" or nothing.
        foreach (var a in new[]
                 {
                     "sh", "-c", "[ -f \"$1/postmaster.pid\" ] && $4 \"$3\" -D \"$1\" -m fast -w stop >/dev/null 2>&1; rm -rf \"$2\"",
                     "stop-postgres", _dataDirectory, Root, pgCtl, runAsPostgres ? $"runuser -u {Superuser} --" : "",
                 })
            start.ArgumentList.Add(a);
        using var stopper = Process.Start(start);
    }

    private Task PgAsync(bool runAsPostgres, string program, IReadOnlyList<string> arguments) =>
        runAsPostgres
            ? RunAsync("runuser", ["-u", Superuser, "--", Path.Combine(_binaries, program), .. arguments])
            : RunAsync(Path.Combine(_binaries, program), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>The newest installed PostgreSQL's bin directory, or a failure that says how to install one.</summary>
    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no {root}/*/bin/initdb): run `bash .ci/install` to install it; the catalog contract tests need a real server");
    }
}
