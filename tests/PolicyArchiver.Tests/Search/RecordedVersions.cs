using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Search;

/// <summary>Versions recorded through the real catalog and blob store, with the texts and instants a search test needs.</summary>
internal static class RecordedVersions
{
    /// <summary>Records <paramref name="text"/> as the document's next version, captured at <paramref name="at"/>.</summary>
    public static async Task RecordAsync(Archive archive, string document, DateTimeOffset at, string text)
    {
        var sha = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text));
        var number = ((await archive.Catalog.GetLatestVersionAsync(document))?.Number ?? 0) + 1;
        var url = "https://example.kz/" + document;
        var snapshot = new CapturedSnapshot(sha, text.Length, "text/html; charset=utf-8", "utf-8", 200, url, new Dictionary<string, string>(), null, null);
        await archive.Catalog.RecordAsync(new CaptureRecord(document, at, Outcome.Ok, 200, url, null, null, 1, 10, snapshot, new NewVersion(number, sha, 1, 0, 1, 0, "test/1"), []));
    }
}
