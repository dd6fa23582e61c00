using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Tests.Support;

/// <summary>An archive in a fresh temporary directory, with the fixture targets pointing at one tenant.</summary>
public sealed class TempArchive : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    public string ArchiveDirectory => Path.Combine(Directory, "archive");
    public string TargetsFile => Path.Combine(Directory, "targets.json");
    public Archive Archive { get; private set; } = null!;
    public TargetList Targets { get; private set; } = null!;

    public static async Task<TempArchive> CreateAsync(FixtureSite.Tenant tenant)
    {
        var temp = new TempArchive();
        System.IO.Directory.CreateDirectory(temp.Directory);
        await File.WriteAllTextAsync(temp.TargetsFile, FixtureSite.TargetsFor(tenant));
        temp.Targets = await TargetsLoader.LoadAsync(temp.TargetsFile);
        temp.Archive = await Archive.OpenEmbeddedAsync(temp.ArchiveDirectory);
        return temp;
    }

    public Archivist Archivist(ChromiumBrowser browser, CaptureOptions? options = null)
    {
        options ??= ChromiumFixture.Options();
        return new Archivist(Archive, new Capturer(browser, options, TimeProvider.System), options, TimeProvider.System);
    }

    public Document Document(string id) => Targets.Find("testbank/" + id) ?? throw new ArgumentException(id);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on a pooled connection; the temp directory is disposable.
        }
    }
}
