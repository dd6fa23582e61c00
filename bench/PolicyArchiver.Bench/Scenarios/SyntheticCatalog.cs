using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Sqlite;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// A catalog at the scale of years of archiving, written through the real storage code:
/// <see cref="SqliteCatalog.InitializeAsync"/> creates the schema, <see cref="SqliteCatalog.ImportAsync"/>
/// (the bulk load <c>migrate-archive</c> uses) loads the rows. Going through RecordAsync would
/// also write the ledger, but at ~1 ms a row a million rows take too long for a benchmark run.
/// Documents are observed in rounds (every 6 hours), and every 10th observation starts a new
/// version; version texts are real blobs, so <c>history</c> computes its topic insight as usual.
/// </summary>
public static class SyntheticCatalog
{
    public const string Extractor = "policyarchiver-extract/2";
    public static readonly DateTimeOffset Start = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public static string Document(int d) => $"company-{d / 4:D4}/{(d % 2 == 0 ? "privacy-policy" : "user-agreement")}-{(d % 4 < 2 ? "ru" : "kk")}";

    public static Task CreateAsync(string archive, BenchSize size, SeedText seed, CancellationToken ct) =>
        CreateAsync(archive, size.CatalogDocuments, size.ObservationsPerDocument, size.VersionsPerDocument, Document, seed, ct);

    /// <summary>A catalog of <paramref name="documents"/> documents named by <paramref name="document"/> (the web scenario's own layout).</summary>
    public static async Task CreateAsync(string archive, int documents, int observationsPerDocument, int versionsPerDocument, Func<int, string> document, SeedText seed,
        CancellationToken ct)
    {
        var catalog = new SqliteCatalog(Path.Combine(archive, "catalog.db"), TimeProvider.System);
        await catalog.InitializeAsync(ct);
        var blobs = new FileSystemBlobStore(Path.Combine(archive, "blobs"));
        var random = new Random(7);
        var texts = new List<string>();
        for (var i = 0; i < 20; i++)
            texts.Add(await blobs.PutAsync(Encoding.UTF8.GetBytes(PolicyText.AsText(PolicyText.Generate(seed, random, "Политика конфиденциальности", 20_000))), ct));
        await catalog.ImportAsync(RowsAsync(documents, observationsPerDocument, versionsPerDocument, document, texts, ct), ct);
    }

    private static async IAsyncEnumerable<CatalogRow> RowsAsync(int docs, int observationsPerDocument, int versionsPerDocument, Func<int, string> name,
        IReadOnlyList<string> texts, [EnumeratorCancellation] CancellationToken ct)
    {
        var every = observationsPerDocument / versionsPerDocument;
        string Snapshot(int d, int k) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes((long)d << 32 | (uint)k)));
        for (var k = 0; k < observationsPerDocument; k++)
        {
            ct.ThrowIfCancellationRequested();
            for (var d = 0; d < docs; d++)
            {
                var version = k / every + 1;
                yield return new CatalogRow("observations", new Dictionary<string, object?>
                {
                    ["id"] = Id(docs, d, k), ["document"] = name(d), ["at"] = Time(At(d, k)), ["outcome"] = "ok", ["http_status"] = 200L,
                    ["url"] = $"https://{name(d).Split('/')[0]}.kz/{name(d).Split('/')[1]}", ["final_url"] = null,
                    ["snapshot_sha256"] = Snapshot(d, k), ["new_version"] = k % every == 0 ? 1L : 0L, ["version"] = (long)version,
                    ["detail"] = null, ["attempts"] = 1L, ["duration_ms"] = 1500L, ["source"] = null,
                });
            }
            await Task.Yield();
        }
        for (var d = 0; d < docs; d++)
            for (var n = 1; n <= versionsPerDocument; n++)
            {
                var k = (n - 1) * every;
                yield return new CatalogRow("versions", new Dictionary<string, object?>
                {
                    ["document"] = name(d), ["generation"] = 0L, ["number"] = (long)n, ["captured_at"] = Time(At(d, k)),
                    ["text_sha256"] = texts[(d + n) % texts.Count], ["snapshot_sha256"] = Snapshot(d, k), ["observation_id"] = Id(docs, d, k),
                    ["added"] = 12L, ["removed"] = 9L, ["extractor"] = Extractor, ["rules"] = "", ["technical"] = 0L, ["ocr"] = 0L,
                });
            }
        for (var d = 0; d < docs; d++)
            for (var n = 2; n <= versionsPerDocument; n++)
                yield return new CatalogRow("changes", new Dictionary<string, object?>
                {
                    ["document"] = name(d), ["generation"] = 0L, ["from_version"] = (long)(n - 1), ["to_version"] = (long)n,
                    ["at"] = Time(At(d, (n - 1) * every)), ["lines_added"] = 12L, ["lines_removed"] = 9L, ["words_added"] = 140L, ["words_removed"] = 120L, ["technical"] = 0L,
                });
    }

    private static long Id(int docs, int d, int k) => (long)k * docs + d + 1;

    /// <summary>Round k starts every 6 hours; documents are a second apart within a round.</summary>
    public static DateTimeOffset At(int d, int k) => Start + Interval * k + TimeSpan.FromSeconds(d % 20_000);

    /// <summary>The catalog's own instant format (SqliteCatalog.Time is internal to Core).</summary>
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
