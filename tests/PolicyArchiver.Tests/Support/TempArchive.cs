using System.Text.Json.Nodes;
using PolicyArchiver.Archiving;
using PolicyArchiver.Capture;
using PolicyArchiver.Targets;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Support;

/// <summary>An archive in a fresh temporary directory, with the fixture targets pointing at one tenant.</summary>
public sealed class TempArchive : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    public string ArchiveDirectory => Path.Combine(Directory, "archive");
    public string TargetsFile => Path.Combine(Directory, "targets.json");
    internal Archive Archive { get; private set; } = null!;
    internal TargetList Targets { get; private set; } = null!;

    public static async Task<TempArchive> CreateAsync(FixtureSite.Tenant tenant)
    {
        var temp = new TempArchive();
        System.IO.Directory.CreateDirectory(temp.Directory);
        await File.WriteAllTextAsync(temp.TargetsFile, FixtureSite.TargetsFor(tenant));
        temp.Targets = await TargetsLoader.LoadAsync(temp.TargetsFile);
        temp.Archive = await TestStorage.OpenAsync(temp.ArchiveDirectory);
        return temp;
    }

    /// <summary>
    /// An archive whose targets.json is <paramref name="targetsJson"/>, for tests with a fixture site of their own;
    /// embedded unless <paramref name="testStorage"/> asks for the storage the test run is configured with.
    /// </summary>
    public static async Task<TempArchive> CreateAsync(string targetsJson, bool testStorage = false)
    {
        var temp = new TempArchive();
        System.IO.Directory.CreateDirectory(temp.Directory);
        await File.WriteAllTextAsync(temp.TargetsFile, targetsJson);
        temp.Targets = await TargetsLoader.LoadAsync(temp.TargetsFile);
        temp.Archive = testStorage ? await TestStorage.OpenAsync(temp.ArchiveDirectory) : await Archive.OpenEmbeddedAsync(temp.ArchiveDirectory, TimeProvider.System);
        return temp;
    }

    /// <param name="time">The clock of the capture (a fake one moves politeness, retries and the circuit breaker without waiting).</param>
    internal Archivist Archivist(ChromiumBrowser browser, CaptureOptions? options = null, TimeProvider? time = null)
    {
        options ??= ChromiumFixture.Options();
        time ??= TimeProvider.System;
        return ArchivistComposition.Create(Archive, new Capturer(browser, options, time), options, time);
    }

    /// <summary>Rewrites targets.json with only these fixture documents, each with a schedule (or none).</summary>
    public async Task KeepOnlyAsync(FixtureSite.Tenant tenant, params (string Document, string? Schedule)[] documents)
    {
        var json = JsonNode.Parse(FixtureSite.TargetsFor(tenant))!;
        var list = json["companies"]![0]!["documents"]!.AsArray();
        foreach (var d in list.ToList())
        {
            var key = "testbank/" + d!["id"]!.GetValue<string>();
            var wanted = documents.FirstOrDefault(x => x.Document == key);
            if (wanted.Document is null) list.Remove(d);
            else if (wanted.Schedule is not null) d["schedule"] = wanted.Schedule;
        }
        var temporary = TargetsFile + ".new";
        await File.WriteAllTextAsync(temporary, json.ToJsonString());
        File.Move(temporary, TargetsFile, overwrite: true); // as an editor saves: all at once
        Targets = await TargetsLoader.LoadAsync(TargetsFile);
    }

    internal Document Document(string id) => Targets.Find("testbank/" + id) ?? throw new ArgumentException(id);

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
