using System.IO.Compression;
using System.Text;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Exporting;

/// <summary>Runs <c>policyarchiver export</c> against the web fixture's archive and reads back what it wrote.</summary>
internal static class ExportRun
{
    public sealed record Output(Support.Cli.Result Result, string File);

    public static string NewPath(string extension) =>
        Path.Combine(Path.GetTempPath(), "policyarchiver-tests", "exports", Guid.NewGuid().ToString("N"), "export" + extension);

    public static async Task<Output> RunAsync(WebArchiveFixture web, string extension, params string[] args)
    {
        var file = NewPath(extension);
        var result = await Support.Cli.RunAsync(web.Temp, ["export", .. args, "--out", file]);
        return new Output(result, file);
    }

    /// <summary>Every observation of the fixture archive, by document.</summary>
    public static async Task<List<Observation>> ObservationsAsync(WebArchiveFixture web)
    {
        var all = new List<Observation>();
        foreach (var document in await web.Temp.Archive.Catalog.GetDocumentsAsync()) all.AddRange(await web.Temp.Archive.Catalog.GetObservationsAsync(document));
        return all;
    }

    /// <summary>A window of whole days (date-only bounds) that covers every capture of the fixture.</summary>
    public static async Task<(string From, string To)> WholeWindowAsync(WebArchiveFixture web)
    {
        var all = await ObservationsAsync(web);
        return (all.Min(o => o.At).UtcDateTime.ToString("yyyy-MM-dd"), all.Max(o => o.At).UtcDateTime.ToString("yyyy-MM-dd"));
    }

    public static byte[] Entry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"no {name} in the export; it has {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>manifest.csv parsed as RFC 4180 into dictionaries keyed by the header row.</summary>
    public static List<Dictionary<string, string>> Manifest(ZipArchive zip) => CsvTable(Encoding.UTF8.GetString(Entry(zip, "manifest.csv")));

    public static List<Dictionary<string, string>> CsvTable(string csv)
    {
        var records = Csv.Parse(csv);
        var header = records[0];
        return records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }
}
