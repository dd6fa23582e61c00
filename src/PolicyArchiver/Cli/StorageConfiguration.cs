using Microsoft.Extensions.Configuration;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Cli;

/// <summary>
/// Standard .NET configuration for where an archive lives, lowest precedence first:
/// <c>appsettings.json</c> in the working directory, <c>appsettings.json</c> in the archive
/// directory (an archive can say where its own catalog and evidence are), environment variables
/// (<c>PolicyArchiver__Catalog__Provider=postgres</c>), then the command's flags.
/// </summary>
internal static class StorageConfiguration
{
    public const string Section = "PolicyArchiver";

    public static StorageSettings Load(string archiveDirectory, IReadOnlyDictionary<string, string?> flags) =>
        Settings(Build(archiveDirectory, flags));

    /// <summary>
    /// An archive described only by its own <c>appsettings.json</c> (embedded when it has none): the
    /// target of <c>migrate-archive</c>, which the environment describing the source must not redirect.
    /// </summary>
    public static StorageSettings LoadOwn(string archiveDirectory)
    {
        try
        {
            return Settings(new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(Path.Combine(archiveDirectory, "appsettings.json")), optional: true, reloadOnChange: false)
                .Build());
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    private static StorageSettings Settings(IConfiguration configuration)
    {
        var defaults = StorageSettings.Embedded;
        var settings = new StorageSettings
        {
            CatalogProvider = (configuration[$"{Section}:Catalog:Provider"] ?? defaults.CatalogProvider).Trim().ToLowerInvariant(),
            CatalogConnectionString = configuration[$"{Section}:Catalog:ConnectionString"],
            BlobsProvider = (configuration[$"{Section}:Blobs:Provider"] ?? defaults.BlobsProvider).Trim().ToLowerInvariant(),
            BlobsConnectionString = configuration[$"{Section}:Blobs:ConnectionString"],
            BlobsContainer = configuration[$"{Section}:Blobs:Container"] ?? defaults.BlobsContainer,
        };
        var errors = settings.Validate();
        if (errors.Count > 0) throw new CliException(ExitCodes.BadInput, "storage configuration: " + string.Join("; ", errors));
        return settings;
    }

    public static IConfiguration Build(string archiveDirectory, IReadOnlyDictionary<string, string?> flags)
    {
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
                .AddJsonFile(Path.GetFullPath(Path.Combine(archiveDirectory, "appsettings.json")), optional: true, reloadOnChange: false)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(flags.Where(f => f.Value is not null))
                .Build();
        }
        catch (InvalidDataException e)
        {
            // A malformed appsettings.json: the message names the file.
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }
}
