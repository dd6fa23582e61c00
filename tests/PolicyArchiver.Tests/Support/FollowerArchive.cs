using System.Text;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// An archive of two small banks whose versions are recorded straight into the catalog, texts from
/// <c>Fixtures/followers/</c>: real changes, made in milliseconds without a browser, and more can be
/// added while a test runs (the shared <see cref="WebArchiveFixture"/> must not change under other tests).
/// </summary>
public sealed class FollowerArchive : IDisposable
{
    public const string Followbank = "followbank/privacy-policy-ru";
    public const string Otherbank = "otherbank/privacy-policy-ru";

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "followers");

    public TempArchive Temp { get; }

    private readonly DateTimeOffset _start = new(2026, 5, 3, 9, 0, 0, TimeSpan.Zero);
    private int _captures;

    private FollowerArchive(TempArchive temp) => Temp = temp;

    /// <summary>Both banks at version 1 then 2: one change each.</summary>
    public static async Task<FollowerArchive> CreateAsync()
    {
        var archive = new FollowerArchive(await TempArchive.CreateAsync(await File.ReadAllTextAsync(Path.Combine(Fixtures, "targets.json"))));
        foreach (var document in new[] { Followbank, Otherbank })
        {
            await archive.RecordAsync(document, "privacy-v1.txt");
            await archive.RecordAsync(document, "privacy-v2.txt");
        }
        return archive;
    }

    /// <summary>Records a capture of <paramref name="document"/> whose text is the fixture file; a new version when it differs. Returns the observation.</summary>
    public async Task<Observation> RecordAsync(string document, string textFile)
    {
        var archive = Temp.Archive;
        var text = await File.ReadAllTextAsync(Path.Combine(Fixtures, textFile));
        var sha = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text));
        var body = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes($"<html><body><pre>{text}</pre></body></html>"));
        var latest = await archive.Catalog.GetLatestVersionAsync(document);
        var version = latest?.TextSha256 == sha ? null : new NewVersion((latest?.Number ?? 0) + 1, sha, 3, 1, 12, 4, "test/1");
        var url = "https://" + document.Split('/')[0] + ".example/privacy";
        var at = _start.AddHours(++_captures).AddMilliseconds(_captures * 7);
        var snapshot = new CapturedSnapshot(body, text.Length, "text/html; charset=utf-8", "utf-8", 200, url, new Dictionary<string, string>(), null, null);
        return await archive.Catalog.RecordAsync(new CaptureRecord(document, at, Outcome.Ok, 200, url, url, null, 1, 100, snapshot, version, []));
    }

    public void Dispose() => Temp.Dispose();
}
