using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Cli;

/// <summary>Where an archive lives comes from configuration; bad settings and unreachable services are clear errors.</summary>
public class StorageConfigurationTests : IDisposable
{
    private readonly string _archive = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"), "archive");

    public StorageConfigurationTests() => Directory.CreateDirectory(_archive);

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_archive)!, recursive: true); } catch (IOException) { }
    }

    private Task<Support.Cli.Result> RunAsync(params string[] args) => Support.Cli.RunAsync([.. args, "--archive", _archive]);

    [Fact]
    public async Task An_unknown_provider_or_a_missing_connection_string_is_bad_input_naming_the_key()
    {
        var provider = await RunAsync("verify", "--catalog-provider", "mongodb");
        Assert.Equal(2, provider.ExitCode);
        Assert.Contains("PolicyArchiver:Catalog:Provider \"mongodb\"", provider.Error);

        var missing = await RunAsync("history", "x/y", "--blobs-provider", "azure");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("PolicyArchiver:Blobs:ConnectionString: required", missing.Error);

        await File.WriteAllTextAsync(Path.Combine(_archive, "appsettings.json"), """{ "PolicyArchiver": { "Catalog": { "Provider": "postgres" } } }""");
        var fromFile = await RunAsync("verify");
        Assert.Equal(2, fromFile.ExitCode);
        Assert.Contains("PolicyArchiver:Catalog:ConnectionString: required", fromFile.Error);
        // Flags come last and win over the archive's own settings (here: the embedded archive made beside them).
        using (await PolicyArchiver.Archiving.Archive.OpenEmbeddedAsync(_archive, TimeProvider.System)) { }
        var overridden = await RunAsync("changes", "--catalog-provider", "sqlite");
        Assert.True(overridden.ExitCode == 0, overridden.Error);
    }

    [Fact]
    public async Task An_unreachable_database_is_named_with_its_host_and_port_but_not_its_password()
    {
        var port = Ports.Closed();
        var result = await RunAsync("changes", "--catalog-provider", "postgres",
            "--catalog-connection-string", $"Host=127.0.0.1;Port={port};Database=archive;Username=archiver;Password=hunter2;Timeout=3");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"PostgreSQL catalog at 127.0.0.1:{port}/archive is unreachable", result.Error);
        Assert.DoesNotContain("hunter2", result.Error);
    }

    [Fact]
    public async Task An_unreachable_blob_service_is_named_with_its_endpoint_and_container_but_not_its_key()
    {
        var port = Ports.Closed();
        var result = await RunAsync("changes", "--blobs-provider", "azure", "--blobs-container", "evidence",
            "--blobs-connection-string", AzuriteServer.ConnectionStringFor(port));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Azure Blob Storage at http://127.0.0.1:{port}/devstoreaccount1, container evidence, is unreachable", result.Error);
        Assert.DoesNotContain(AzuriteServer.AccountKey, result.Error);
    }
}
