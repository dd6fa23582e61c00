using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using PolicyArchiver.Storage.Azure;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// One Azurite (the Azure Blob Storage emulator from npm, installed by .ci/install) for the whole
/// test run: started on first use on a free loopback port with a temporary workspace, killed and
/// its workspace removed when the test process exits. Each store under test gets a container of
/// its own, so tests never see each other's blobs. It is started WITHOUT --skipApiVersionCheck:
/// the tests then prove that the API version pinned in <see cref="AzureStorage"/> is one Azurite speaks.
/// </summary>
public sealed class AzuriteServer
{
    /// <summary>Azurite's well-known development account; the key is public, not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartAsync);

    private AzuriteServer(int port)
    {
        Port = port;
        ConnectionString = ConnectionStringFor(port);
        Service = new BlobServiceClient(ConnectionString, AzureStorage.ClientOptions());
    }

    public int Port { get; }
    public string ConnectionString { get; }

    /// <summary>A client of the whole account, for what a test does behind a store's back.</summary>
    public BlobServiceClient Service { get; }

    public static Task<AzuriteServer> InstanceAsync() => Shared.Value;

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>A fresh, empty container (<c>t-&lt;guid&gt;</c>: lowercase letters, digits and one hyphen, 34 characters).</summary>
    public async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = Service.GetBlobContainerClient($"t-{Guid.NewGuid():N}");
        await container.CreateAsync();
        return container;
    }

    private static async Task<AzuriteServer> StartAsync()
    {
        var package = Path.Combine(Repository.Root, ".ci", ".state", "node", "node_modules", "azurite");
        var manifest = Path.Combine(package, "package.json");
        if (!File.Exists(manifest))
            throw new InvalidOperationException($"Azurite is not installed at {package}: run `bash .ci/install` (the README's test command does)");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(manifest));
        var script = Path.GetFullPath(Path.Combine(package, json.RootElement.GetProperty("bin").GetProperty("azurite-blob").GetString()!));

        SweepWorkspacesOfEndedRuns();
        var failures = new StringBuilder();
        // A free port can be taken between choosing it and Azurite binding it: try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = Ports.Free();
            var location = Path.Combine(WorkspaceRoot, "azurite-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(location);
            await File.WriteAllTextAsync(Path.Combine(location, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = location,
            };
            foreach (var a in new[] { script, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                         "--location", location, "--loose", "--silent", "--disableTelemetry" })
                start.ArgumentList.Add(a);
            var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, location);

            var server = new AzuriteServer(port);
            if (await ReadyAsync(server, process))
                return server;
            Stop(process, location);
            lock (output) failures.AppendLine($"port {port}: {output.ToString().Trim()}");
        }
        throw new InvalidOperationException($"Azurite ({script}) did not start:\n{failures}");
    }

    /// <summary>Polls the service until it answers, the process dies, or a generous deadline passes (a failure, not a measurement).</summary>
    private static async Task<bool> ReadyAsync(AzuriteServer server, Process process)
    {
        var options = AzureStorage.ClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        var probe = new BlobServiceClient(server.ConnectionString, options);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                await probe.GetPropertiesAsync();
                return true;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }

    private static string WorkspaceRoot => Path.Combine(Path.GetTempPath(), "policyarchiver-tests");

    /// <summary>The test process that owns a workspace, so that a later run knows whether it is still in use.</summary>
    private const string OwnerFile = "owner.pid";

    /// <summary>
    /// The test host is sometimes ended before ProcessExit handlers finish (Azurite, whose pipes
    /// close with it, dies too), leaving its workspace behind: remove those whose run has ended.
    /// </summary>
    private static void SweepWorkspacesOfEndedRuns()
    {
        if (!Directory.Exists(WorkspaceRoot)) return;
        foreach (var workspace in Directory.EnumerateDirectories(WorkspaceRoot, "azurite-*"))
        {
            var owner = Path.Combine(workspace, OwnerFile);
            var ended = File.Exists(owner)
                ? !int.TryParse(File.ReadAllText(owner), out var pid) || !IsRunning(pid)
                : Directory.GetLastWriteTimeUtc(workspace) < DateTime.UtcNow.AddHours(-1); // being created, or from an older scheme
            if (!ended) continue;
            try
            {
                Directory.Delete(workspace, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run is sweeping it too.
            }
        }
    }

    private static bool IsRunning(int pid)
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

    private static void Stop(Process process, string location)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary directory; nothing depends on removing it.
        }
    }
}
