using System.Text;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Followers;

namespace PolicyArchiver.Tests.Support;

[CollectionDefinition(RegistryArchive.Collection)]
public sealed class RegistryArchiveCollection : ICollectionFixture<RegistryArchive>;

/// <summary>
/// A change registry wide enough for every filter to cut something off: two companies in two
/// sectors (<c>Fixtures/registry/targets.json</c>), documents of three types in kk, ru and en, more
/// than a page of changes for one document, a few technical changes, each change touching either
/// retention or cookies, spread over weeks. Versions are recorded straight into the catalog (as an
/// import would), so it takes seconds, on the storage the test run is configured with; served by
/// the real web archive on a free loopback port.
/// </summary>
public sealed class RegistryArchive : IAsyncLifetime
{
    public const string Collection = "registry archive";

    /// <summary>Versions recorded per document; version <c>n</c> is technical when <c>n % 25 == 0</c>.</summary>
    public static readonly IReadOnlyDictionary<string, int> Versions = new Dictionary<string, int>
    {
        ["steppebank/privacy-policy-ru"] = 112,
        ["steppebank/privacy-policy-kk"] = 5,
        ["steppebank/terms-of-service-en"] = 5,
        ["tengritel/privacy-policy-ru"] = 26,
        ["tengritel/cookie-policy-en"] = 5,
    };

    /// <summary>The first capture; each next one is four hours later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public TempArchive Temp { get; private set; } = null!;
    public FollowerSite Site { get; private set; } = null!;
    public HttpClient Http => Site.Http;

    public static bool IsTechnical(int version) => version % 25 == 0;

    /// <summary>The topic the change to version <paramref name="version"/> touches: the clause it adds.</summary>
    public static string TopicOf(int version) => version % 2 == 0 ? "retention" : "cookies";

    /// <summary>Version <paramref name="number"/>: a heading and clauses 1..number, each about retention or cookies.</summary>
    public static string Text(int number)
    {
        var text = new StringBuilder("# Политика конфиденциальности\n\n");
        for (var clause = 1; clause <= number; clause++)
        {
            text.Append(clause).Append(". Положение ").Append(clause).Append('\n').Append(clause).Append(".1. ");
            text.Append(TopicOf(clause) == "retention"
                ? $"Срок хранения персональных данных составляет {clause} лет.\n\n"
                : $"Сайт использует файлы cookie для аналитики посещений, вариант {clause}.\n\n");
        }
        return text.ToString();
    }

    public async Task InitializeAsync()
    {
        var targets = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "registry", "targets.json"));
        Temp = await TempArchive.CreateAsync(targets, testStorage: true);
        var capture = 0;
        // Documents take turns, so their changes interleave in time as they would in a real archive.
        for (var number = 1; number <= Versions.Values.Max(); number++)
            foreach (var (document, count) in Versions.Where(v => v.Value >= number))
                await RecordAsync(document, number, Start.AddHours(4 * capture++));
        Site = await FollowerSite.StartAsync(Temp, publicUrl: null);
    }

    private async Task RecordAsync(string document, int number, DateTimeOffset at)
    {
        var archive = Temp.Archive;
        var text = Text(number);
        var sha = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes(text));
        var body = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes($"<html><body><pre>{text}</pre></body></html>"));
        var url = Temp.Targets.Find(document)!.Url.ToString();
        var version = new NewVersion(number, sha, 2, 0, 9, 0, "test/1", Technical: IsTechnical(number));
        var snapshot = new CapturedSnapshot(body, text.Length, "text/html; charset=utf-8", "utf-8", 200, url, new Dictionary<string, string>(), null, null);
        await archive.Catalog.RecordAsync(new CaptureRecord(document, at, Outcome.Ok, 200, url, url, null, 1, 100, snapshot, version, []));
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        Temp.Dispose();
    }
}
