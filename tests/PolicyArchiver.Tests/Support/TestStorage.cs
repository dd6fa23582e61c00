using System.Text.Json.Nodes;
using PolicyArchiver.Archiving;
using PolicyArchiver.Cli;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// Which backends the tests' archives use. By default the embedded ones; with
/// <c>POLICYARCHIVER_TEST_STORAGE=distributed</c> every archive a test makes gets its own PostgreSQL
/// database and Azurite container, written into the archive directory's <c>appsettings.json</c>, so
/// the CLI and the in-process code open the same distributed archive: the whole suite runs on both.
/// </summary>
public static class TestStorage
{
    public static bool Distributed => Environment.GetEnvironmentVariable("POLICYARCHIVER_TEST_STORAGE") == "distributed";

    /// <summary>Makes the archive directory distributed when the run is; a no-op otherwise.</summary>
    public static async Task PrepareAsync(string archiveDirectory)
    {
        if (!Distributed) return;
        await WriteDistributedSettingsAsync(archiveDirectory);
    }

    /// <summary>Points an archive directory at a fresh PostgreSQL database and Azurite container.</summary>
    public static async Task WriteDistributedSettingsAsync(string archiveDirectory)
    {
        Directory.CreateDirectory(archiveDirectory);
        var settingsFile = Path.Combine(archiveDirectory, "appsettings.json");
        if (File.Exists(settingsFile)) return;
        var postgres = await PostgresServer.GetAsync();
        var azurite = await AzuriteServer.InstanceAsync();
        var container = await azurite.NewContainerAsync();
        var settings = new JsonObject
        {
            ["PolicyArchiver"] = new JsonObject
            {
                ["Catalog"] = new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = await postgres.CreateDatabaseAsync() },
                ["Blobs"] = new JsonObject { ["Provider"] = "azure", ["ConnectionString"] = azurite.ConnectionString, ["Container"] = container.Name },
            },
        };
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
    }

    internal static StorageSettings SettingsOf(string archiveDirectory) => StorageConfiguration.LoadOwn(archiveDirectory);

    internal static async Task<Archive> OpenAsync(string archiveDirectory)
    {
        await PrepareAsync(archiveDirectory);
        return await ArchiveFactory.OpenAsync(archiveDirectory, SettingsOf(archiveDirectory), TimeProvider.System);
    }

    internal static Task<Archive> OpenReadOnlyAsync(string archiveDirectory) =>
        ArchiveFactory.OpenReadOnlyAsync(archiveDirectory, SettingsOf(archiveDirectory), TimeProvider.System);
}

/// <summary>A test of the embedded archive's own file layout (files on disk, catalog.db): it has no distributed counterpart.</summary>
public sealed class EmbeddedFactAttribute : FactAttribute
{
    public EmbeddedFactAttribute()
    {
        if (TestStorage.Distributed) Skip = "about the embedded archive's files; this run uses PostgreSQL and Azure Blob Storage";
    }
}
